import type { CorpusLanguageSource } from './corpus-language';

// Romanian is written with comma-below ș ț (modern orthography); multilingual-corpus.ts maps them to the
// cedilla forms ş ţ that cp1250 and iso-8859-2 hold, as legacy Windows software did.

/** Czech, Slovak, Polish, Hungarian, Slovenian, Croatian and Romanian records. */
export const CENTRAL_EUROPEAN: readonly CorpusLanguageSource[] = [
  {
    code: 'cs',
    name: 'Czech',
    header: 'Jméno|Město|Adresa|Produkt|Poznámka',
    rows: [
      'Jiří Dvořák|Praha|Vodičkova 681/14|Kuchyňský robot Bosch, 1000 W|Zboží doručte prosím až po 17. hodině.',
      'Kateřina Nováková|Brno|Náměstí Svobody 8|Dětská postýlka z bukového dřeva|Zákaznice žádá fakturu na firmu "Nováková s.r.o."',
      'Ondřej Procházka|České Budějovice|Lannova třída 26|Zimní bunda, vel. XL|Vrácení zboží do 14 dnů bez udání důvodu.',
      'Tereza Černá|Plzeň|Americká 1124/42|Sada nožů z nerezové oceli|Balík nechte u sousedů v přízemí.',
      'Lukáš Veselý|Olomouc|Horní náměstí 583|Žehlička s napařováním|Platba převodem, variabilní symbol 2024117.',
      'Zuzana Horáková|Ústí nad Labem|Mírové náměstí 3097/37|Rychlovarná konvice 1,7 l|Příliš žluťoučký kůň úpěl ďábelské ódy.',
      'Petr Růžička|Hradec Králové|Třída Karla IV. 550|Čistička vzduchu s ionizátorem|Objednávka byla stornována zákazníkem.',
    ],
  },
  {
    code: 'sk',
    name: 'Slovak',
    header: 'Meno|Mesto|Adresa|Produkt|Poznámka',
    rows: [
      'Ľubomír Kováč|Bratislava|Obchodná 52|Elektrický gril s pokrievkou|Tovar doručte do predajne na prízemí.',
      'Mária Horváthová|Košice|Hlavná 115|Detská autosedačka 9 až 18 kg|Zákazníčka žiada faktúru na firmu.',
      'Ján Šťastný|Žilina|Národná 17|Záhradné kreslo z ratanu|Zásielku nechajte u suseda, ďakujem.',
      'Zuzana Ďurišová|Prešov|Hlavná ulica 73|Kuchynská váha do 5 kg|Platba na dobierku, vrátenie do 14 dní.',
      'Peter Kučera|Banská Bystrica|Námestie SNP 14|Vysávač bez vrecka|Päť kusov ešte čaká na sklade v Ružomberku.',
      'Katarína Lukáčová|Nitra|Štefánikova trieda 44|Stolová lampa so stmievačom|Masážny prístroj chráni kĺby a šľachy, hovorí výrobca.',
      'Martin Baláž|Trnava|Hlavná 1|Vlnená deka, 150 x 200 cm|Objednávka bola zrušená zákazníkom zo štvrte pri vŕbach.',
    ],
  },
  {
    code: 'pl',
    name: 'Polish',
    header: 'Imię i nazwisko|Miasto|Adres|Produkt|Uwagi',
    rows: [
      'Łukasz Wiśniewski|Warszawa|ul. Marszałkowska 104/122|Ekspres do kawy ciśnieniowy|Proszę dostarczyć przesyłkę po godzinie 16.',
      'Małgorzata Zielińska|Kraków|ul. Floriańska 15|Żelazko parowe z funkcją pionowego prasowania|Klientka prosi o fakturę VAT.',
      'Grzegorz Dąbrowski|Gdańsk|ul. Długa 47|Śpiwór puchowy na zimę|Dostawa we wtorek, przed południem.',
      'Agnieszka Wójcik|Wrocław|pl. Solny 11|Łóżeczko dziecięce z drewna bukowego|Zażółć gęślą jaźń.',
      'Paweł Kozłowski|Łódź|ul. Piotrkowska 86|Gąbka do mycia naczyń, 10 szt.|Zwrot towaru w ciągu 14 dni.',
      'Katarzyna Jabłońska|Poznań|Stary Rynek 78|Źródło zasilania 650 W|Paczkę proszę zostawić u sąsiada.',
      'Michał Szczęsny|Szczecin|al. Wojska Polskiego 9|Ręcznik kąpielowy, 70 x 140 cm|Zamówienie anulowane przez klienta.',
    ],
  },
  {
    code: 'hu',
    name: 'Hungarian',
    header: 'Név|Város|Cím|Termék|Megjegyzés',
    rows: [
      'Nagy Gábor|Budapest|Andrássy út 12.|Kávéfőző, kapszulás|Kérjük, a csomagot délután kézbesítsék.',
      'Kovács Erzsébet|Debrecen|Piac utca 20.|Gyerekülés 9-18 kg|A vásárló áfás számlát kér.',
      'Szabó Ödön|Szeged|Kárász utca 5.|Fűnyíró, elektromos|Árvíztűrő tükörfúrógép.',
      'Tóth Zsófia|Pécs|Király utca 14.|Törölköző szett, 4 darabos|Visszaküldés 14 napon belül lehetséges.',
      'Horváth Bálint|Győr|Baross Gábor út 31.|Hűtőszekrény fagyasztóval|A szállítás díja ötezer forint.',
      'Varga Réka|Miskolc|Széchenyi István út 44.|Őszi kabát, M-es méret|A rendelést az ügyfél lemondta.',
      'Lőrinc Dávid|Eger|Dobó István tér 2.|Mosógép, 7 kg|Fizetés utánvéttel, köszönjük.',
    ],
  },
  {
    code: 'sl',
    name: 'Slovenian',
    header: 'Ime|Kraj|Naslov|Izdelek|Opomba',
    rows: [
      'Janez Novak|Ljubljana|Slovenska cesta 55|Pralni stroj, 8 kg|Paket pustite pri sosedu, hvala.',
      'Mojca Kranjc|Maribor|Glavni trg 17|Otroški avtosedež|Stranka želi račun na podjetje.',
      'Žiga Horvat|Celje|Prešernova ulica 9|Kuhinjska tehtnica|Vračilo blaga v 14 dneh brez pojasnila.',
      'Špela Zupančič|Kranj|Koroška cesta 21|Sesalnik brez vrečke|Dostava po 16. uri, prosim.',
      'Matjaž Potočnik|Koper|Čevljarska ulica 3|Električni žar s pokrovom|Plačilo po povzetju.',
      'Nataša Kovačič|Novo mesto|Glavni trg 6|Zimska jakna, vel. L|Naročilo je stranka preklicala.',
      'Boštjan Vidmar|Ptuj|Minoritski trg 1|Kavni aparat na kapsule|Čez teden dni pride nova pošiljka.',
    ],
  },
  {
    code: 'hr',
    name: 'Croatian',
    header: 'Ime i prezime|Grad|Adresa|Proizvod|Napomena',
    rows: [
      'Ivan Horvat|Zagreb|Ilica 242|Perilica rublja, 7 kg|Paket ostavite kod susjeda, hvala.',
      'Ana Kovačević|Split|Marmontova 4|Dječja autosjedalica|Kupac traži račun na tvrtku.',
      'Đuro Babić|Rijeka|Korzo 22|Električni roštilj s poklopcem|Povrat robe u roku od 14 dana.',
      'Marija Jurić|Osijek|Županijska 7|Kuhinjska vaga do 5 kg|Dostava nakon 16 sati, molim.',
      'Tomislav Šarić|Zadar|Široka ulica 12|Usisavač bez vrećice|Plaćanje pouzećem.',
      'Ivana Knežević|Dubrovnik|Stradun 19|Zimska jakna, veličina M|Narudžbu je otkazao kupac.',
      'Željko Matić|Pula|Flanatička 8|Aparat za kavu na kapsule|Sljedeća pošiljka stiže u četvrtak ujutro.',
    ],
  },
  {
    code: 'ro',
    name: 'Romanian',
    header: 'Nume|Oraș|Adresă|Produs|Observații',
    rows: [
      'Andrei Popescu|București|Calea Victoriei 48|Mașină de spălat, 7 kg|Vă rugăm să lăsați coletul la vecini.',
      'Ioana Ionescu|Cluj-Napoca|Strada Memorandumului 21|Scaun auto pentru copii|Clienta solicită factură pe firmă.',
      'Mihai Țurcanu|Iași|Bulevardul Ștefan cel Mare 8|Grătar electric cu capac|Returnarea produselor în termen de 14 zile.',
      'Elena Stănescu|Timișoara|Piața Victoriei 5|Cântar de bucătărie|Livrare după ora 16, vă mulțumim.',
      'Ștefan Dumitrescu|Constanța|Bulevardul Tomis 60|Aspirator fără sac|Plata se face ramburs.',
      'Cristina Munteanu|Brașov|Strada Republicii 12|Geacă de iarnă, mărimea M|Comanda a fost anulată de client.',
      'Răzvan Neagu|Sibiu|Piața Mare 7|Espressor cu capsule|Următorul transport sosește joi dimineață.',
    ],
  },
];
