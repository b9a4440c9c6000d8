import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from '../../../../src-main/services/detect/encoding/detect-encoding';
import { HEAD_BYTES, decodeSample } from './encoding-cases';

type Sample = [label: string, text: string];

// Short files with one to three accented letters that Windows-1252 and Windows-1250 put on the same
// bytes with different meanings: è/č (0xE8), à/ŕ (0xE0), ê/ę (0xEA), û/ű (0xFB), ï/ď (0xEF), ñ/ń
// (0xF1), ã/ă (0xE3); letters both share (é, â, ô…) aside. Letter counts alone can favour the Central
// European reading.
const WESTERN_SHORT: Sample[] = [
  // Three è, and a reading as Slovenian "Trčs", "Modčle" before word contexts were weighed.
  [
    'French furniture, three è',
    'produit;description\nLit;Très confortable\nChaise;Très solide\nTable;Modèle en bois\n',
  ],
  [
    'French contacts, three è',
    'nom,ville,telephone\nMme Fèvre,Annecy,04 50 00 00 01\nM. Molière,Paris,01 40 00 00 02\nMme Lumière,Lyon,04 72 00 00 03\n',
  ],
  [
    'French products, one è',
    'ref;produit;prix\r\nA-102;Lampe de chevet en laiton;49,90\r\nA-207;Fauteuil club très confortable;389,00\r\nA-311;Tabouret de bar;59,00\r\n',
  ],
  [
    'French kitchenware, three è',
    'ref;article;remarque\n11;Cafetière italienne;\n12;Bouilloire;\n13;Théière en fonte;très demandée\n',
  ],
  [
    'French candles, three à',
    'code,libelle,prix\nB12,Bougie parfumée à la vanille,12.90\nB13,Bougie à la lavande,12.90\nB14,Diffuseur à bâtonnets,19.90\n',
  ],
  [
    'French customers, è and à',
    'client;commentaire\nDurand;livraison après midi\nMorel;colis déposé chez le gardien\nFabre;à rappeler\n',
  ],
  [
    'French shops, one è',
    'magasin;adresse\nLa Fromagerie;3 rue Sainte-Catherine\nLa Boulangerie;8 place Saint-Pierre\nChez Gérard;15 quai des Brasseurs\nLa Crèmerie;2 rue des Halles\n',
  ],
  [
    'French cookware, ê and à',
    'code;designation;qte\nP01;Poêle en fonte 28 cm;3\nP02;Gaufrier;5\nP03;Appareil à raclette;2\n',
  ],
  [
    'French pantry, one û',
    'id,libelle,stock\n1,Confiture de mûres,24\n2,Miel de montagne,12\n3,Sirop de menthe,8\n',
  ],
  [
    'French first names, one ï',
    'Nom;Prenom;Commune\nFaure;Anaïs;Vienne\nRoussel;Paul;Le Puy\nGilbert;Marc;Rodez\n',
  ],
  [
    'Spanish, one ñ',
    'producto,precio\nMantel de diseño,19.90\nJuego de cuchillos,39.00\nJarra de vidrio,12.50\n',
  ],
  [
    'Portuguese, one ã',
    'produto;preco\nPanela de pressão;79,90\nFrigideira antiaderente;29,90\nTabua de corte;9,90\n',
  ],
  [
    'Italian, one ù',
    'prodotto;prezzo\nTavolo allungabile in noce;349\nPensile da cucina, più capiente;89\nSgabello;45\n',
  ],
];

// The opposite: Central European files with few accented letters, which must stay Windows-1250. (With a
// single such letter, say "Benčík" alone, the Western reading still wins: Windows-1252 files are the
// commoner, and one letter in a known place is not enough to overturn that.)
const CENTRAL_SHORT: Sample[] = [
  [
    'Czech, ř and č',
    'jmeno;mesto;poznamka\nPetr Hruby;Jihlava;volat předem\nJana Mala;Kolin;doručit odpoledne\n',
  ],
  ['Czech, Č and á', 'kod,nazev,cena\n101,Čaj zeleny,89\n102,Káva mletá,149\n103,Med lesni,120\n'],
  [
    'Czech, ř and č in a town name',
    'zakaznik;adresa\nNovakova;Husova 12, Třebíč\nSvoboda;Nadrazni 3, Beroun\n',
  ],
  [
    'Polish, ą and ł',
    'nazwisko;miasto;uwagi\nNowak;Lublin;dostawa po 16\nZając;Radom;płatne przy odbiorze\n',
  ],
  ['Polish, ł and ę', 'produkt,cena\nKrzesło dębowe,349\nStolik kawowy,199\nRegal na ksiazki,259\n'],
  ['Polish, ł and ó', 'klient;adres\nKowalczyk;ul. Długa 5, Gdynia\nWróbel;ul. Polna 3, Kielce\n'],
  ['Slovak, č and ť', 'meno;mesto;poznamka\nMichal Benčík;Trnava;doručiť poobede\nEva Hudec;Martin;\n'],
  ['Hungarian, ű and ő', 'nev;varos;megjegyzes\nSzűcs Béla;Eger;délután hívni\nKőszegi Anna;Szeged;\n'],
  ['Croatian, one ć', 'ime;grad\nIvan Perić;Zadar\nAna Horvat;Split\nMarko Kos;Osijek\n'],
  ['Slovenian, one č', 'priimek;kraj\nZupan;Kočevje\nMlakar;Koper\nKralj;Bled\n'],
];

function expectRoundTrip(text: string, encoding: string, label: string): void {
  const bytes = new Uint8Array(iconv.encode(text, encoding));
  const other = encoding === 'cp1252' ? 'cp1250' : 'cp1252';
  // The test means something only if the other code page would garble the text.
  expect(iconv.decode(Buffer.from(bytes), other), label).not.toBe(text);
  const guess = detectEncoding(bytes, { isComplete: true });
  expect(decodeSample(bytes, guess.encoding, guess.bomLength), `${label}: ${guess.reason}`).toBe(text);
}

// A catalogue longer than the preview's 64 KiB head, with `rare` on every 400th line only.
function catalogueHead(rare: readonly string[], encoding: string): Uint8Array {
  const plain = ['Table basse', 'Chaise pliante', 'Coussin rond', 'Tapis de salon', 'Miroir mural'];
  let text = 'ref;designation;prix;stock\r\n';
  for (let index = 0; text.length < HEAD_BYTES + 4096; index++) {
    const name =
      index % 400 === 17 ? rare[Math.floor(index / 400) % rare.length]! : `${plain[index % 5]} ${index % 7}`;
    text += `R${10000 + index};${name};${(index * 37) % 900},${index % 100};${index % 50}\r\n`;
  }
  return new Uint8Array(iconv.encode(text, encoding)).subarray(0, HEAD_BYTES);
}

describe('word contexts of accented letters', () => {
  it.each(WESTERN_SHORT)('reads %s as Windows-1252', (label, text) => {
    expectRoundTrip(text, 'cp1252', label);
  });

  it.each(CENTRAL_SHORT)('keeps %s as Windows-1250', (label, text) => {
    expectRoundTrip(text, 'cp1250', label);
  });

  it('reads the 64 KiB head of a French catalogue with a handful of è, à and ê as Windows-1252', () => {
    for (const rare of [
      ['Fauteuil très confortable', 'Lampe en laiton, modèle 1920', 'Bibliothèque en pin'],
      ['Crème pour cuir', 'Brosse à chaussures'],
      ['Porte-revues en frêne'],
    ]) {
      const bytes = catalogueHead(rare, 'cp1252');
      expect(bytes.filter((byte) => byte >= 0x80).length).toBeLessThanOrEqual(8);
      expect(detectEncoding(bytes).encoding, rare.join(', ')).toBe('cp1252');
    }
  });

  it('keeps the 64 KiB head of a Czech or Polish catalogue with a handful of accents as Windows-1250', () => {
    for (const rare of [
      ['Stůl z dubového dřeva', 'Křeslo čalouněné'],
      ['Półka ścienna', 'Łóżko dębowe'],
    ]) {
      const bytes = catalogueHead(rare, 'cp1250');
      expect(detectEncoding(bytes).encoding, rare.join(', ')).toBe('cp1250');
    }
  });
});
