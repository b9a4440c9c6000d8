import { describe, expect, it } from 'vitest';
import { detectXmlLayout } from '../../../../src-main/services/read/xml/detect-records';
import { thrown, xmlFixture } from './xml-test-helpers';

describe('detectXmlLayout', () => {
  it('finds the books of the seed bookstore and their columns', () => {
    expect(detectXmlLayout(xmlFixture('bookstore.xml'))).toEqual({
      recordPath: ['bookstore', 'book'],
      columns: ['book@category', 'title', 'title@lang', 'author'],
    });
  });

  it('finds rss/channel/item in an RSS feed, not the repeated categories inside items', () => {
    const layout = detectXmlLayout(xmlFixture('rss-feed.xml'));
    expect(layout.recordPath).toEqual(['rss', 'channel', 'item']);
    expect(layout.columns).toEqual([
      'title',
      'link',
      'description',
      'category',
      'dc:creator',
      'guid',
      'guid@isPermaLink',
      'pubDate',
    ]);
  });

  it('finds the items of a Google Shopping feed with g: columns', () => {
    const layout = detectXmlLayout(xmlFixture('google-shopping.xml'));
    expect(layout.recordPath).toEqual(['rss', 'channel', 'item']);
    expect(layout.columns).toEqual([
      'g:id',
      'g:title',
      'g:price',
      'g:availability',
      'g:image_link',
      'g:additional_image_link',
      'g:shipping.g:country',
      'g:shipping.g:price',
    ]);
  });

  it('prefers the element that repeats most, then the shallowest', () => {
    const most = '<a><meta/><meta/><data><row><v>1</v></row><row/><row/></data></a>';
    expect(detectXmlLayout(most).recordPath).toEqual(['a', 'data', 'row']);
    const tie = '<a><g><r><x>1</x><x>2</x></r><r><x>3</x></r></g></a>';
    expect(detectXmlLayout(tie).recordPath).toEqual(['a', 'g', 'r']);
  });

  it('reads a document with a single record, stepping through wrappers', () => {
    expect(detectXmlLayout('<catalog><book id="1"><title>T</title></book></catalog>')).toEqual({
      recordPath: ['catalog', 'book'],
      columns: ['book@id', 'title'],
    });
    expect(detectXmlLayout('<person><name>Ada</name><born>1815</born></person>')).toEqual({
      recordPath: ['person'],
      columns: ['name', 'born'],
    });
  });

  it('works on a head cut mid-record, keeping the columns read so far from the cut record', () => {
    const text = xmlFixture('google-shopping.xml');
    const head = text.slice(0, text.indexOf('<g:image_link>https://shop.example.com/img/3.jpg') + 5);
    const layout = detectXmlLayout(head);
    expect(layout.recordPath).toEqual(['rss', 'channel', 'item']);
    expect(layout.columns).toEqual([
      'g:id',
      'g:title',
      'g:price',
      'g:availability',
      'g:image_link',
      'g:additional_image_link',
      'g:shipping.g:country',
      'g:shipping.g:price',
    ]);
    const cutInThird = text.slice(0, text.indexOf('<g:id>SKU-3') + 10);
    expect(detectXmlLayout(cutInThird).columns).toHaveLength(8);
    const newColumnInCut = '<a><r><x>1</x></r><r><x>2</x></r><r><x>3</x><y k="v">new</y><z>cut he';
    expect(detectXmlLayout(newColumnInCut)).toEqual({ recordPath: ['a', 'r'], columns: ['x', 'y', 'y@k'] });
  });

  it('throws VALIDATION when nothing repeats and there is no record to read', () => {
    expect(thrown(() => detectXmlLayout('<?xml version="1.0"?>\n<root>just text</root>'))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^No repeating record element found: <root> holds no child elements/),
    });
    expect(thrown(() => detectXmlLayout('   '))).toMatchObject({ code: 'VALIDATION' });
  });

  it('throws PARSE with a position when the head is malformed', () => {
    expect(() => detectXmlLayout('<a>\n<b></c>')).toThrow(/line 2, column \d+/);
  });
});
