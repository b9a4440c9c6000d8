import type { z } from 'zod';

/** One invalid field of a payload. */
export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * Names every invalid field of what `subject` names (a request, a definition file), e.g.
 * `Invalid settings:set request: previewRows: Too big: expected …`.
 */
export function describeValidationIssues(
  subject: string,
  issues: readonly z.core.$ZodIssue[],
): { message: string; issues: FieldIssue[] } {
  const fields = issues.map((issue) => ({ field: fieldName(issue), message: issue.message }));
  const text = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return { message: `${subject}: ${text}`, issues: fields };
}

function fieldName(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.join(', ');
  return issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
}
