import { describe, expect, it } from 'vitest';
import { xmlDeclaredEncoding } from '../../../../src-main/services/read/xml/xml-declaration';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  const units = (bom ? '\ufeff' : '') + text;
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian);
  return out;
}

describe('xmlDeclaredEncoding', () => {
  it('reads the declared encoding, lowercased, with either quote', () => {
    expect(xmlDeclaredEncoding(bytes('<?xml version="1.0" encoding="Windows-1250"?><a/>'))).toBe(
      'windows-1250',
    );
    expect(xmlDeclaredEncoding(bytes("<?xml version='1.0' encoding='ISO-8859-2' standalone='yes'?>"))).toBe(
      'iso-8859-2',
    );
    expect(xmlDeclaredEncoding(bytes('\ufeff<?xml version="1.0" encoding = "UTF-8"?>'))).toBe('utf-8');
  });

  it('reads it from UTF-16 bytes with and without a BOM', () => {
    const decl = '<?xml version="1.0" encoding="UTF-16"?><a/>';
    expect(xmlDeclaredEncoding(utf16(decl, true, true))).toBe('utf-16');
    expect(xmlDeclaredEncoding(utf16(decl, false, true))).toBe('utf-16');
    expect(xmlDeclaredEncoding(utf16(decl, true, false))).toBe('utf-16');
    expect(xmlDeclaredEncoding(utf16(decl, false, false))).toBe('utf-16');
  });

  it('returns null without a declaration or without an encoding in it', () => {
    expect(xmlDeclaredEncoding(bytes('<?xml version="1.0"?><a encoding="x"/>'))).toBeNull();
    expect(xmlDeclaredEncoding(bytes('<a><?xml version="1.0" encoding="utf-8"?></a>'))).toBeNull();
    expect(xmlDeclaredEncoding(bytes(''))).toBeNull();
  });
});
