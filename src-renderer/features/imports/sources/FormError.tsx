/** A form's refusal, read out by screen readers. */
export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert" data-testid="source-error">
      {error}
    </p>
  );
}
