/**
 * Everyday words with non-ASCII letters, per language code of LANGUAGE_PROFILES: function words, address,
 * order and product vocabulary, a few towns and family names. Written for this detector from general
 * knowledge of each language, not taken from the test corpus (common words overlap with it, as they
 * would with any text). Day, month, language and country names are left out: ICU's, which the held-out
 * samples are built from, must stay unseen. Only where each non-ASCII letter sits in these words is
 * learnt (see word-contexts.ts), so the lists need to show how the letters are used, not to be
 * complete. Romanian is in its legacy cedilla form (ş ţ), as its single-byte files hold it.
 */
export const ACCENTED_WORDS: Readonly<Record<string, string>> = {
  fr: `chêne arrêt enquête tempête honnête hêtre gêne extrême à où là déjà voilà très après près dès succès
    accès être même été café crème problème système thème première dernière lumière manière rivière frère
    mère père pièce nièce modèle fidèle collège siège chèque bibliothèque élève achète complète fenêtre tête
    fête forêt prêt côté hôtel château âge pâte gâteau goût coût garçon leçon reçu noël maïs naïf cœur sœur
    œuvre œuf théâtre prénom numéro téléphone société général région réduction qualité électrique économique
    étage intérêt entrée reçue bientôt plutôt île dîner boîte chaîne connaître sûr dû mûr`,
  es: `más también está qué cómo dónde cuándo así aquí allí además después según sí él tú mí año niño señor
    señora mañana compañía pequeño baño montaña sueño teléfono número código dirección información educación
    canción atención jamón azúcar árbol fácil difícil público música médico último próximo página envío país
    día mía río tía policía cafetería`,
  pt: `não são então também já até você está ação informação situação condição coração pão mãe irmão alemão
    país mês três avó avô código número endereço preço serviço cabeça açúcar café órgão ônibus médico
    prática rápido fácil possível próximo água família área polícia após lâmpada câmara cartão limão maçã
    amanhã manhã opções questões`,
  it: `è perché così più può già città università qualità società caffè tè però cioè giù virtù attività
    novità metà pietà libertà sarà farà andrà verità età quantità proprietà specialità perciò ciò`,
  ca: `també què això però més és així després plaça cançó nació informació fàcil música família església
    només través perquè aquí allà vostè següent qüestió llengües valència mòbil telèfon número adreça`,
  de: `für über schön straße groß größe müssen können bäcker käse bücher mädchen öl zürich weiß heißen früh
    grüße küche brötchen gebäude ärger ändern stück natürlich möglich gemütlich fußball gelöscht geöffnet
    gemäß bestätigung rücksendung mühle höhe tür würde wäre hätte fünf zwölf`,
  nl: `één hé ideeën coöperatie reünie ruïne financiële officiële patiënt zeeën skiën geïnteresseerd naïef
    cliënt efficiënt knieën privé café drieënhalf`,
  sv: `på är också år även för över så där här kött bröd räka jönköping linköping umeå gå får hålla måste
    därför väg stå två säga större mjölk smör kärlek ström hög låg blå grön röd`,
  da: `på også år være får før århus ålborg ærø øl fødselsdag børn både gå så først hjælp tænke næste mælk
    smør brød grøn hvornår køkken nærmere forår dør hænder`,
  no: `på også år være får før ålesund bærum brød smør grønn gå så først nå blå høst øst nær dør kjøkken
    bønder fjær`,
  fi: `päivä että myös tämä kävellä mäki järvi hämeenlinna kylä sää yö työ lähellä hänen pöytä tyttö käsi
    ääni sähkö hyvä tänään lähetys hämäläinen heinäkuu`,
  is: `það þetta þú já ég við að á í ísland bók hús stór lítill góður fæðing æfing þjónusta ósk`,
  cs: `že být také více před až už může při když české než čas člověk často řeč přes první město místo číslo
    příjmení dodávka děkuji prosím dobrý rychlé vše řádek další ještě tři čtyři pět šest devět práce škola
    dveře kůň dům můj černý bílý železný`,
  sk: `čo často človek čas čaj večer mačka značka tričko počítač koláč kľúč hráč kúpeľňa spálňa daň
    peňaženka ďalej ťažký dĺžka že byť ktorý ešte už môže ľudia päť deň číslo dodávka prosím ďalší veľký
    dobrý sĺnko vŕba kôň stôl môj všetko práca škola mäso ľahký`,
  pl: `się że już może które będzie także więc dzień złoty cześć białystok częstochowa toruń ośrodek
    województwo żółty źródło pięć sześć dziękuję proszę ważne książka mąka imię płatność góra wódka ręka
    wiadomość możliwość miłość następny który która`,
  hu: `és köszönöm szép tér szám név rendelés ár ő őt fű tűz kör gyümölcs öt négy három kettő város ország
    közép sütemény kávé fehér zöld kék sárga régi könyv`,
  sl: `že še več čas človek sreča hiša škofja šoštanj žalec ročno številka dežela življenje čaj žena moški
    ženska črn rdeč noč kočevje domžale čokolada račun vozniško ključ`,
  hr: `što će već još čovjek kuća čakovec šibenik požega đakovo narudžba žuto marić vuković marković
    petrović tomić pavlović božić blažević grgić pavić radić perić kovačić đurić ključ noć kći šećer dućan`,
  ro: `şi în că să până după ţară galaţi ploieşti brăila piteşti bacău număr preţ comandă plată mulţumesc vă
    mâine pâine câine român lună săptămână întâi informaţii ţânţar`,
  tr: `İstanbul İzmir İlçe İletişim İade İndirim İptal İş İyi için değil çok şey böyle şimdi teşekkür muğla
    çanakkale şehir kapı numarası güzel büyük küçük yeşil kırmızı`,
  lt: `ačiū gatvė užsakymas žmogus šuo dėkoju prašau ąžuolas žąsis grįžti vaikų namų`,
  lv: `lūdzu pasūtījums piegāde preču piezīme māja ģimene ķēķis ņemt ļoti šodien žēl ābols`,
  et: `tänan jõhvi võru põlva tööd õhtu päev söök jõud köök töö šokolaad žürii müük`,
  vi: `người không của được những với này đường phố quận huyện thành nội hồ chí đà nẵng hải phòng cần thơ
    huế điện thoại số nhà giá sản phẩm khách hàng đơn chú cà phê bánh mì phở nguyễn trần lê phạm hoàng huỳnh
    vũ võ đặng bùi đỗ ngô dương lý cũ tốt đẹp lớn nhỏ bốn tám chín mười tiền mặt cảm ơn chào`,
};
