import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../stores/app.store';
import { setAboutOpen, useNavigationStore } from '../../stores/navigation.store';

/** Help > About: version, shell and where the workspace lives. */
export function AboutDialog() {
  const open = useNavigationStore((state) => state.aboutOpen);
  const info = useAppStore((state) => state.info);
  return (
    <Dialog title="About Intake" open={open} onClose={() => setAboutOpen(false)}>
      {info && (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Shell</dt>
          <dd>{info.shell === 'electron' ? `Electron ${info.versions.electron}` : 'Web host (browser)'}</dd>
          <dt>Workspace</dt>
          <dd>{info.workspacePath}</dd>
        </dl>
      )}
    </Dialog>
  );
}
