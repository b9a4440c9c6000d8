import { Fragment, useEffect, useRef, type ReactNode } from 'react';
import { DELIMITER_NAMES } from '../../../src-shared/model/dialect';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import type { RawLine, RawLines, RawLinesAt } from '../../../src-shared/model/raw-lines';
import { loadRawLines, useRawLinesStore } from '../../stores/raw-lines.store';
import { formatCount } from '../../components/format';

interface Props {
  /** Where the store keeps this view (a draft's key, or a key under it). */
  slot: string;
  sourceId: string;
  overrides: DialectOverrides;
  at: RawLinesAt;
  /** What the view is about: the error's code and message, or the warning it was opened from. */
  children?: ReactNode;
  /** Says what to do, once the lines are known (they tell the line a row starts on). */
  advice?: (raw: RawLines | null) => string;
  /** False when the place is only where reading starts (an error that names none): no line is marked. */
  markTarget?: boolean;
  /** Offered as Hide; a view opened on request also scrolls itself into sight. */
  onClose?: () => void;
}

/**
 * The source's own lines around a spot, numbered, the line pointed at marked (and its column, for
 * XML): read through the same connector and decoder as the preview, with the dialect bar's encoding.
 */
export function RawLinesView(props: Props) {
  const { slot, sourceId, overrides, at, children, advice, markTarget = true, onClose } = props;
  const payload = { sourceId, overrides, at };
  const request = JSON.stringify(payload);
  const view = useRawLinesStore((state) => state.views[slot]);
  const section = useRef<HTMLElement>(null);
  const openedOnRequest = onClose !== undefined;
  const read = view?.lines !== undefined && view.lines !== null;
  useEffect(() => {
    // Again once the lines are in: the view grows from one line of "Reading…" to the whole window.
    if (openedOnRequest) section.current?.scrollIntoView({ block: 'nearest' });
  }, [openedOnRequest, request, read]);
  useEffect(() => {
    // The request string stands for the payload: a new object with the same content reads nothing.
    void loadRawLines(slot, JSON.parse(request) as typeof payload);
  }, [slot, request]);
  const raw = view?.lines ?? null;
  return (
    <section
      ref={section}
      className="raw-lines"
      aria-label="Raw lines"
      data-testid="raw-lines"
      aria-busy={view?.loading}
    >
      <header className="raw-lines__header">
        <h3>{raw ? heading(raw) : 'Raw lines'}</h3>
        {onClose && (
          <button type="button" className="raw-lines__close" onClick={onClose}>
            Hide
          </button>
        )}
      </header>
      {children}
      {advice && (
        <p className="raw-lines__advice" data-testid="raw-lines-advice">
          {advice(raw)}
        </p>
      )}
      {view?.error && (
        <p className="form-error" role="alert">
          {view.error}
        </p>
      )}
      {!raw && !view?.error && <p className="muted">Reading the lines…</p>}
      {raw && (
        <LinesTable
          raw={raw}
          target={markTarget ? raw.target : null}
          column={at.line !== undefined ? at.column : undefined}
        />
      )}
    </section>
  );
}

function heading(raw: RawLines): string {
  const first = raw.lines[0]?.number;
  const last = raw.lines.at(-1)?.number;
  const span = first === undefined ? 'No lines' : first === last ? `Line ${first}` : `Lines ${first}–${last}`;
  const reading =
    raw.format === 'xml'
      ? `${raw.dialect.encoding}, XML`
      : `${raw.dialect.encoding}, ${DELIMITER_NAMES[raw.dialect.delimiter]}, quote ${raw.dialect.quote}`;
  const row = raw.row !== null && raw.target !== null ? ` · row ${raw.row} starts on line ${raw.target}` : '';
  const end =
    raw.target === null ? ` · the source ends at line ${raw.totalLines ?? '?'}, before the place named` : '';
  return `${span} as read (${reading})${row}${end}`;
}

function LinesTable(props: { raw: RawLines; target: number | null; column: number | undefined }) {
  const { raw, column } = props;
  return (
    <div className="raw-lines__scroll">
      <table className="raw-lines__table">
        <tbody>
          {raw.lines.map((line) => {
            const target = line.number === props.target;
            return (
              <tr
                key={line.number}
                className={target ? 'raw-lines__target' : undefined}
                aria-current={target ? 'true' : undefined}
                data-line={line.number}
              >
                <th scope="row" className="raw-lines__number">
                  {line.number}
                </th>
                <td className="raw-lines__text">
                  <LineText line={line} column={target ? column : undefined} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A line's text with control characters made visible, its cuts said, and the error column marked. */
function LineText({ line, column }: { line: RawLine; column: number | undefined }) {
  const at = column === undefined ? -1 : column - 1 - line.cutBefore;
  const marked = at >= 0 && at < line.text.length;
  return (
    <code>
      {line.cutBefore > 0 && <Cut count={line.cutBefore} />}
      {marked ? (
        <>
          {visible(line.text.slice(0, at))}
          <mark className="raw-lines__column" title={`Column ${column}`}>
            {visible(line.text.charAt(at))}
          </mark>
          {visible(line.text.slice(at + 1))}
        </>
      ) : (
        visible(line.text)
      )}
      {line.text === '' && line.cutBefore === 0 && line.cutAfter === 0 && (
        <span className="raw-lines__blank">(blank line)</span>
      )}
      {line.cutAfter > 0 && <Cut count={line.cutAfter} />}
    </code>
  );
}

function Cut({ count }: { count: number }) {
  return (
    <span className="raw-lines__cut" title={`${formatCount(count)} characters not shown`}>
      …
    </span>
  );
}

/** The names of the control characters (a tab stays a tab): shown as marks, so a NUL or a lone CR is seen. */
const CONTROL_NAMES = [
  'NUL',
  'SOH',
  'STX',
  'ETX',
  'EOT',
  'ENQ',
  'ACK',
  'BEL',
  'BS',
  'TAB',
  'LF',
  'VT',
  'FF',
  'CR',
  'SO',
  'SI',
  'DLE',
  'DC1',
  'DC2',
  'DC3',
  'DC4',
  'NAK',
  'SYN',
  'ETB',
  'CAN',
  'EM',
  'SUB',
  'ESC',
  'FS',
  'GS',
  'RS',
  'US',
];
// eslint-disable-next-line no-control-regex
const CONTROL = /([\u0000-\u0008\u000a-\u001f\u007f])/;

/** Text with its control characters as named marks. */
function visible(text: string): ReactNode {
  if (!CONTROL.test(text)) return text;
  return text.split(CONTROL).map((piece, index) =>
    index % 2 === 0 ? (
      <Fragment key={index}>{piece}</Fragment>
    ) : (
      <span key={index} className="raw-lines__control">
        {piece === '\u007f' ? 'DEL' : CONTROL_NAMES[piece.charCodeAt(0)]}
      </span>
    ),
  );
}
