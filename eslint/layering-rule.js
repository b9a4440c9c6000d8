// Services depend downward only (DESIGN.md §6), and migrations import nothing live. A custom rule,
// because no-restricted-imports cannot say "a folder may import the folders below it".
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The services from the top down: a service may import those in later groups only. Folders in one
 * group are peers and do not import each other.
 */
export const SERVICE_LAYERS = [
  ['schedule', 'app-info', 'settings', 'browse'],
  ['runs'],
  ['imports'],
  ['destinations', 'mapping', 'cleanup'],
  ['stage'],
  ['preview'],
  ['read', 'detect'],
  ['sources'],
  ['secrets', 'attributes'],
  ['workspace'],
  ['log', 'jobs'],
  ['errors'],
];

const RANK = new Map(SERVICE_LAYERS.flatMap((group, index) => group.map((name) => [name, index])));
const SERVICES = `src-main${sep}services${sep}`;
const MIGRATIONS = `src-main${sep}services${sep}workspace${sep}migrations${sep}`;

/** The service folder of a path under src-main/services/, or null. */
function serviceOf(path) {
  const at = path.indexOf(SERVICES);
  if (at === -1) return null;
  return path.slice(at + SERVICES.length).split(sep)[0] ?? null;
}

function describeOrder() {
  return SERVICE_LAYERS.map((group) => (group.length > 1 ? `(${group.join(', ')})` : group[0])).join(' → ');
}

export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Services import only the services below them; migrations import nothing live.' },
    schema: [],
    messages: {
      upward: '{{from}} may not import {{to}}: services depend downward only ({{order}}).',
      peer: '{{from}} and {{to}} are peers: neither imports the other ({{order}}).',
      unknown:
        'services/{{to}} has no place in the layering; add it to eslint/layering-rule.js and DESIGN.md §6.',
      shell:
        'A service may not import {{to}}: services are plain Node below the host, the CLI and the workers.',
      migration:
        'A migration imports nothing live: it must compute exactly what it did when it shipped. Freeze a copy under migrations/frozen/.',
    },
  },
  create(context) {
    const file = context.filename;
    const from = serviceOf(file);
    if (from === null) return {};
    const inMigrations = file.includes(MIGRATIONS);
    return {
      ImportDeclaration(node) {
        const specifier = node.source.value;
        if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
        const target = resolve(dirname(file), specifier);
        if (inMigrations) {
          const root = file.slice(0, file.indexOf(MIGRATIONS) + MIGRATIONS.length);
          const inside = !relative(root, target).startsWith('..');
          // The Migration type is the one thing a migration takes from outside its folder.
          const migrationType = target === resolve(root, '..', 'migration');
          if (!inside && !migrationType) context.report({ node, messageId: 'migration' });
          return;
        }
        const root = file.slice(0, file.indexOf(SERVICES));
        const fromRoot = relative(root, target);
        if (
          /^src-main[\\/](workers|host|cli)[\\/]/.test(fromRoot) ||
          /^src-main[\\/](index|menu)/.test(fromRoot)
        ) {
          context.report({
            node,
            messageId: 'shell',
            data: { to: fromRoot.split(sep).slice(0, 2).join('/') },
          });
          return;
        }
        const to = serviceOf(target);
        if (to === null || to === from) return;
        if (!RANK.has(from) || !RANK.has(to)) {
          context.report({ node, messageId: 'unknown', data: { to: RANK.has(from) ? to : from } });
          return;
        }
        const data = { from: `services/${from}`, to: `services/${to}`, order: describeOrder() };
        if (RANK.get(to) < RANK.get(from)) context.report({ node, messageId: 'upward', data });
        else if (RANK.get(to) === RANK.get(from)) context.report({ node, messageId: 'peer', data });
      },
    };
  },
};

/** The rule as an ESLint plugin. */
export const intakePlugin = { rules: { layering: layeringRule } };
