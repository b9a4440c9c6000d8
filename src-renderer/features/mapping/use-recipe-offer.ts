import { useEffect, useState } from 'react';
import type { RecipeOffer } from '../../../src-shared/model/import-definition';
import { call } from '../../api/client';

/** The saved import whose header matches this file's, if any (asked once per header). */
export function useRecipeOffer(header: string[]): [RecipeOffer | null, () => void] {
  const [offer, setOffer] = useState<RecipeOffer | null>(null);
  const headerKey = JSON.stringify(header);
  useEffect(() => {
    let live = true;
    call('imports:recipeOffers', { header: JSON.parse(headerKey) as string[] })
      .then((offers) => live && setOffer(offers[0] ?? null))
      .catch(() => live && setOffer(null));
    return () => {
      live = false;
    };
  }, [headerKey]);
  return [offer, () => setOffer(null)];
}
