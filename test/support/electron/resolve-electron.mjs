// A module-resolution hook (registered by shell-child.mjs with module.register): the specifier
// 'electron', which the built shell keeps external, resolves to the recording stand-in. Without it,
// Node would load node_modules/electron, whose main only exports the Electron binary's path.
const STAND_IN = new URL('./stand-in.mjs', import.meta.url).href;

/** Node's resolve hook: 'electron' is the stand-in, everything else resolves as usual. */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STAND_IN, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}
