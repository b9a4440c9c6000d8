import type { RecipeOffer } from '../../../src-shared/model/import-definition';
import { IMPORT_TYPE_LABELS } from '../../../src-shared/model/import-type';

interface Props {
  offer: RecipeOffer;
  onApply(): void;
  onDismiss(): void;
}

/** Offered when a dropped file's header matches a saved import's: reuse that mapping in one click. */
export function RecipeOfferBanner({ offer, onApply, onDismiss }: Props) {
  return (
    <div className="banner" role="status" data-testid="recipe-offer">
      <span>
        This file has the same columns as the saved import <strong>{offer.name}</strong> (
        {IMPORT_TYPE_LABELS[offer.importType]}). Apply its mapping?
      </span>
      <button type="button" onClick={onApply}>
        Apply mapping
      </button>
      <button type="button" className="link" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
