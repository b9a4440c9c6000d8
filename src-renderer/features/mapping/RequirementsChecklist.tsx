import type { Requirement } from '../../../src-shared/mapping/requirements';

/** What the import type still needs, ticked off as the user tags columns and names things. */
export function RequirementsChecklist({ requirements }: { requirements: Requirement[] }) {
  return (
    <ul className="requirements" aria-label="What this import needs" data-testid="requirements">
      {requirements.map((requirement) => (
        <li
          key={requirement.key}
          className={requirement.met ? 'requirement requirement--met' : 'requirement'}
          data-met={requirement.met}
        >
          <span aria-hidden="true">{requirement.met ? '✓' : '○'}</span>
          <span>{requirement.met ? requirement.label : (requirement.detail ?? requirement.label)}</span>
        </li>
      ))}
    </ul>
  );
}
