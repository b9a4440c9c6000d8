import { useCallback } from 'react';
import * as edits from '../../../src-shared/mapping/mapping-edits';
import type { IdType } from '../../../src-shared/model/id-type';
import { dismissMatch, editMapping } from '../../stores/mapping.store';
import type { ColumnEditors } from './ColumnHeaderControls';

/** Binds each header control of a draft's column to one undoable mapping edit. */
export function useColumnEditors(
  key: string,
  idTypes: IdType[],
  askIdType: (index: number) => void,
): (index: number) => ColumnEditors {
  return useCallback(
    (index: number): ColumnEditors => ({
      include: (include) => editMapping(key, (m) => edits.setInclude(m, index, include)),
      target: (target, existing) => {
        dismissMatch(key, index);
        editMapping(key, (m) => edits.setTarget(m, index, target, existing?.type));
      },
      type: (type) => editMapping(key, (m) => edits.setType(m, index, type)),
      role: (role) => editMapping(key, (m) => edits.setRole(m, index, role, idTypes)),
      idType: (idType) => editMapping(key, (m) => edits.setIdType(m, index, idType)),
      transforms: (change) => editMapping(key, (m) => edits.setTransforms(m, index, change)),
      searchable: (searchable) => editMapping(key, (m) => edits.setSearchable(m, index, searchable)),
      undoMatch: () => {
        dismissMatch(key, index);
        editMapping(key, (m) => edits.setTarget(m, index, m.columns[index]!.source.trim()));
      },
      addIdType: () => askIdType(index),
    }),
    [key, idTypes, askIdType],
  );
}
