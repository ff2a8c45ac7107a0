// German nouns for the names of German tenants' open conferences: everyday
// things, animals, plants and places, 3 to 8 lowercase letters without umlauts
// or ß (a room id cannot hold them, and written as ae/oe/ue they read wrong
// aloud), no names, nothing unkind.
// Written for Vereinsraum. Append or remove words freely: the entropy test
// computes the names' strength from the list as it is.

/** German nouns for the names of German tenants' open conferences. */
export const GERMAN_WORDS: readonly string[] = `
abend acker adler affe ahorn akte alarm album alge alpen amboss ameise ampel amsel angel anis anker anorak
antenne apfel apotheke april aquarium arbeit arche arena arm armband armreif asche ast aster atem atlas auge
august auster auto avocado axt bach backe bad bagger bahn balkon ball ballett ballon bambus banane band banjo
bank bar barke barren bart basalt bass bast bastei batterie bauch baukran baum baustein bazar becher becken
beere beet beifuss beil bein benzin berg bergbach besen beton bett beule beutel bibel biber biene bienen bier
bild biotop birke birne biwak blase blatt blauwal blech blei blende blick blitz block blume bluse boden bogen
bohne bohrer boje bojen bolzen bonbon bonus boot bor bord borke bote brandung brause bremse brett brezel brief
brille brise brosche brot bruch brummer brunnen brust buch buche buchfink bucht buckel buddel bude bug bummel
bund burg bus busch bussard butter cello chor clown curry dach dachs dackel dame damm dampf dattel daumen
decke deich dekor delfin delle depot dialog diamant dichter diele dill dino diskus distel docht dohle dokument
dolde dom domino donau donner dorf dorn dose dotter drache draht drilling drossel drucker duft dunst dusche
dynamo ebbe eber echo ecke efeu egel eiche eidechse eiland eimer einhorn eis eisbar eisberg eisen eisvogel
elch elefant elfe elster emaille ende engel ente enzian epos erbse erdbeere erde erker erle ernte esche esel
esstisch etage eule fabrik fackel faden fagott fahne fahrrad falke falter familie fanfare farbe farn fasan
faser fass faultier feder fee fehler feige feld feldweg fell fels fenchel fenster ferien ferkel fernglas ferse
fessel fest festung fichte figur filet film filter filz finger fink firma fisch fjord flachs flagge flamingo
flamme flasche fleck flieder fliege flocke floh floss flosse flug flur fluss flut fohlen folie forelle form
forst foto fregatte freund frieden frosch frost frucht fuchs fuge fundus funke furche fuss gabel galerie
gamasche gans garbe gardine garn garten gasse gast gazelle gebirge gecko geduld gehege geier geige geist gelb
gelee gemse gepard gerbera gerste geschenk gewitter geysir giebel ginster gipfel gips giraffe girlande gitarre
gitter glanz glas glaser globus glocke glut gnom gold golf gondel gong gorilla graben granit gras grashalm
grat greif grill grotte grube gruppe gulasch gummi gurke gurt habicht hafen hafenkai hafer hagel hahn haken
halbmond halle halm hals hammer hamster hand handwerk hang harfe harmonie harz hase hasel haube haus haut
hebel hecht hecke hefe heft heide heimat heizung held helm hemd herbst herd hering hermelin herz heu heuler
hexe himbeere himmel hirsch hirse hitze hobby hobel hocker hof holunder holz honig hopfen horizont horn hose
hotel hufeisen huhn hummel hummer humor hund hut hymne idee idyll igel iglu imker impuls indigo ingwer insekt
insel iris jacke jade jaguar jasmin joghurt jolle jongleur jubel juli juni juwel kabel kabine kaffee kahn
kaiman kajak kakadu kakao kaktus kalb kalender kalk kamel kamille kamin kamm kammer kanal kanne kante kanu
kapelle kapitel kappe karamell karotte karren karte kassette kastanie kasten kater katze kegel keks kelch
kelle keller kernobst kerze kescher kessel kette keule kiebitz kiefer kies kind kino kiosk kirche kirsche
kissen kiste kiwi klang klavier klee kleid klinke klippe klotz knopf knospe knoten kobold koch koffer kohl
kohle kokon kolibri komet kompass kondor konzert kopf kopie koralle korb kork korn kornfeld kran kranz krapfen
krater kraut krebs kreide kreis kresse kreuz krokodil krokus krone krug kuchen kuckuck kugel kuh kunst kupfer
kuppel kurve kutsche kutter labor lachs lack lager lagune lakritz lamelle lamm lampe land lappen lasso lasur
laterne laub lauch lavendel lawine leder legende leine leiter lenker leopard lerche leuchte lexikon liane
libelle licht lichtung lied lilie limette linde lineal linie linse lippe liste lob loch lorbeer lotse lotto
lotus luchs luft lupe lupine maat magnet magnolie mais makrele malve mammut mandel manege mango mantel mappe
marathon marder marine markt marmor mars marzipan maske mast matrose matte maus medaille meer mehl meise
meissel melodie melone merkur messer metall meteor mikado mikrofon milan milch mimose mineral minute minze
mispel mistel mixer mobile modell modem mohn molch mole monat mond moor moos moped morgen mosaik motiv motor
motte mufflon mulde mund muschel museum musik muskat myrte nabel nachbar nacht nadel nagel name narr nase
nashorn nebel nektar nelke neptun nest netz nixe nomade norden notiz nougat novelle nudel nuss oase obelisk
obst ocker ode ofen ohr oktober oleander olive oliven onkel oper orange orchidee orden orgel orkan osten otter
ozean paddel paket palast palette palme panda panther papagei papaya papier pappel paprika parade parfum park
partner pass pastete pauke pause pavillon pech pedal pegasus pegel pelikan pelz pendel perle perlhuhn pfad
pfanne pfau pfeffer pfeil pferd pfirsich pflanze pflaume pfosten picknick pilot pilz pinguin pinie pinsel
pinzette pirat pistazie piste pizza plakat plan planet planke platane plateau platz plunder pokal polka pollen
polster pony portal portion posaune post posten pracht praline preis primel prinz prisma probe profil projekt
pudel puder pulli puls pult puma pumpe punkt puppe pyramide quader quadrat qualle quark quartett quarz quitte
quiz rabatte rabe rad radar radio rahmen rakete rampe rand ranzen rappe raps rasen rasierer rassel rat rathaus
raupe raute recorder regal regatta regen reh reif reifen reiher reis rekord reling rentier reptil rettich
revier rezept rhein riemen riese riff rind rinde ring rinne ritter robbe robe roboter rock rodel rodeo roggen
rolle roller rose rosine rost rubin rucksack rudel ruder ruhe ruine rummel runde saal sack safari saft sage
sahne salat salbe salbei salz samen sand sardine sattel saturn satz sauna saxofon schach schaf schal schatz
schaum schiene schiff schild schilf schloss schnabel schnecke schnee schober schote schrank schuh schule
schwamm schwan see segel segler segment seide seife seil sekunde sellerie semester senf senke sessel sieb
siegel signal silber silo sirene sirius sirup sitz skala skizze slalom socke sofa solo sommer sonate sonde
sonne sorte spargel spaten spatz specht spiegel spiel spindel spinne spitze sport spross sprosse stab stachel
stadion stadt stall stamm stand stapel star start station stativ staub staude steg stein stempel steppe stern
stich stiefel stift stimme stirn stock stoff stollen storch strand strauch strauss strom strudel studio stuhl
stunde sturm stute summe sumpf suppe symbol tabak tablett tacho tafel tag takt tal taler tandem tanker tanne
tante tanz tapete tasche tasse tatze tau taube taucher taxi teddy teekanne teich teig telefon teleskop teller
tempel tenne tennis teppich termin terrasse theater thron thymian tiger tinte tisch titel toast tomate ton
topas topf tor torte trabant traktor trapez traube traum treppe tresor trichter trio trommel trompete tropfen
truhe trupp tuba tuch tukan tulpe tundra tunnel turban turm turnier ufer uhr ulme umhang unikat unke unkraut
uranus urkunde urlaub urwald vase vater veilchen ventil venus verein viadukt video villa viola violine vitamin
vitrine vogel vorhang vulkan waage wabe wachs wachtel waffel wagen wal wald waldhorn wall walnuss walross
walze wand wanderer wanne wanze wappen warte wasser watte webstuhl wecker weg weiche weide weiher wein weizen
welle welt weltall werft werkzeug wespe wetter wettlauf wichtel widder wiege wiese wiesel wikinger wild wimpel
wind windrad winkel winter wippe wirbel wirsing wolf wolfram wolke wolle wort wunder wurm wurst wurzel yacht
yeti yoga zahl zahn zahnrad zange zapfen zauber zaun zebra zeder zeichen zeitung zelt zentrum zeppelin zepter
ziege ziegel ziffer zikade zimmer zimt zinn zinne zipfel zirbe zirkus zither zitrone zoll zone zucker zug
zugvogel zunge zweig zwerg zwiebel zwilling zwinge
`
  .trim()
  .split(/\s+/);
