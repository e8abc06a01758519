"""Demo free-text answers, part 2: questions 9u-16 (174 answers).

Invented answers in the style of a municipal team (kulturskoleleder, ressurslærer, skoleeier)
answering the portfolio-2 questionnaire. No municipality, county or person is named.
"""

ANSWERS = {
    # Utdyp gjerne arbeidet med rammeplanen.
    "9u": [
        "Vi har brukt rammeplanen som utgangspunkt for å beskrive kjerneprogram, breddeprogram og "
        "fordypningsprogram i vår kulturskole. Det ga oss et felles språk, og vi ser nå tydeligere "
        "hvilke tilbud som mangler.",
        "Arbeidet med lokal læreplan kom i gang sent i perioden, men vi har nå et utkast for "
        "musikkfagene. Visuell kunst og dans gjenstår.",
        "Rammeplanen ble lest og drøftet i personalmøtene, ett kapittel om gangen. Lærerne var "
        "skeptiske i starten, men etter hvert ble diskusjonene om progresjon og vurdering engasjerte.",
        "Vi har jobbet mest med kulturskolens rolle i lokalsamfunnet og samarbeidet med grunnskolen. "
        "Rammeplanen hjalp oss å argumentere overfor politikerne for at kulturskolen er en del av "
        "det kommunale tjenestetilbudet.",
        "Breddeprogrammet har vært hovedfokuset vårt. Vi ønsket å nå barn som ikke søker seg til "
        "kulturskolen selv, og har prøvd ut korte kurs i samarbeid med SFO.",
        "Det har vært krevende å oversette rammeplanen til praksis når lærerne underviser på mange "
        "ulike steder og sjelden møtes. Vi har kommet et stykke på vei med kjerneprogrammet, men "
        "det meste gjenstår.",
        "Som sammenslått kommune måtte vi først kartlegge hva de tre tidligere kulturskolene hadde "
        "av tilbud. Rammeplanen ble et nøytralt utgangspunkt som gjorde det lettere å bli enige om "
        "en felles struktur.",
        "- Lokal læreplan for piano og gitar er ferdig, og vurderingspraksis har vært tema i hele "
        "kollegiet. Fordypningsprogram er utredet, men ikke vedtatt.",
        "Kvalitetsarbeid og vurdering var et område vi hadde snakket lite om før. Gjennom "
        "veiledningen laget vi enkle rutiner for elevsamtaler, som nå brukes av de fleste lærerne.",
        "Vi har fått en ny virksomhetsplan der rammeplanen er lagt til grunn. Planen er behandlet "
        "politisk i hovedutvalget, og det gir arbeidet mye større tyngde enn før.",
        "Fordypningsprogrammet er vanskelig å få til for en liten kulturskole som vår. Vi har "
        "begynt å se på samarbeid med nabokommunene for å kunne gi et tilbud til de mest motiverte "
        "elevene.",
        "Vi skulle gjerne ha jobbet mer med rammeplanen, men mye av tiden gikk med til å avklare "
        "organisering og roller i den nye kommunen.\nRammeplanen ligger likevel til grunn for "
        "utviklingsplanen som vi nå skal følge opp de neste årene.",
    ],
    # Hvordan påvirket koronasituasjonen veiledningsarbeidet i kommunen?
    "10": [
        "Vi mistet nesten et halvt år med framdrift våren 2020. All energi gikk med til å få i gang "
        "digital undervisning, og utviklingsarbeidet ble lagt på is.",
        "Møtene med veileder ble flyttet over på Teams. Det fungerte overraskende godt for "
        "kommunegruppa, men vi fikk ikke med oss lærerne slik vi gjorde på fysiske møter.",
        "Den nasjonale dialogkonferansen ble digital, og det var ikke det samme. Vi savnet pausene "
        "og de uformelle samtalene med folk fra andre kommuner.",
        "Pandemien gjorde at perioden ble forlenget, og det var egentlig en fordel for oss. Vi fikk "
        "mer tid til å la prosessen modne før avslutningen.",
        "Skoleeier var opptatt med beredskap og smittevern store deler av 2020 og hadde naturlig "
        "nok lite kapasitet til kulturskolen. Det merket vi godt i kommunegruppa.",
        "Digitale mellommøter gjorde det lettere å holde kontakten, siden vi ellers har lang "
        "reisevei. Korte nettmøter bør bli en fast del av ordningen også etter pandemien.",
        "Pandemien tvang oss til å tenke nytt om undervisningen, og det ble i seg selv et "
        "utviklingsarbeid. Lærerne delte erfaringer med digital undervisning på en måte vi ikke har "
        "sett før.",
        "Personalmøtene ble korte og handlet mest om smittevernregler. Det var lite rom for "
        "refleksjon og pedagogiske verksteder slik vi hadde planlagt.",
        "Vi ble sterkt påvirket. Planen for høsten 2020 måtte skrives om to ganger, og flere av "
        "tiltakene i utviklingsplanen er fortsatt ikke gjennomført.",
        "Det ble vanskeligere å holde motivasjonen oppe. Når alt annet var usikkert, føltes det "
        "tungt å snakke om langsiktig utvikling.",
        "Mindre enn vi fryktet. Mesteparten av veiledningen var gjennomført før nedstengningen, og "
        "de siste møtene gikk fint digitalt.",
        "Koronasituasjonen kom samtidig med kommunesammenslåingen. Den doble belastningen gjorde at "
        "kommunegruppa nesten ikke møttes mellom veiledningsmøtene våren 2020.",
        "Veileder var fleksibel og la om møtene raskt. Vi fikk tilbud om kortere digitale økter "
        "med tydelig tema, noe som passet godt i en krevende tid.",
        "Samlinger ble avlyst og vi hadde lite kontakt med lærergruppa. Oppfølgingen fra veileder på "
        "telefon og e-post var likevel god.",
        "Vi fikk ikke gjennomført den avsluttende samlingen med hele personalet. Derfor har mange "
        "lærere ikke fått et godt bilde av hva kommunegruppa faktisk har arbeidet med.",
        "Digitale møter fungerer for å informere, men ikke like godt for å drøfte vanskelige "
        "spørsmål. Diskusjonene ble mer overfladiske på skjerm.",
        "Koronaåret gjorde oss flinkere til å bruke digitale verktøy, også i kommunegruppa. Vi har "
        "nå en felles mappe i Teams der alt materiale fra veiledningen ligger.",
        "Ressurslærer hadde i en periode redusert stilling på grunn av pandemien, og vi mistet "
        "dermed kontakten med lærergruppa i flere måneder.",
        "Framdriften stoppet nesten helt opp fra mars til august. Etter sommeren tok vi opp tråden "
        "igjen, men vi måtte bruke tid på å repetere hvor vi var i prosessen.",
        "Vi er en spredt kommune med lange avstander, og digitale møter sparte oss for mye "
        "reisetid. Det var en positiv bieffekt av en ellers vanskelig situasjon.",
        "Lærerne var slitne etter omleggingen til digital undervisning, og vi valgte bevisst å ikke "
        "legge mer utviklingsarbeid på dem den våren. Det var riktig, men det kostet framdrift.",
        "Pandemien satte kulturskolen på dagsordenen på en ny måte. Politikerne så hvor viktig "
        "tilbudet var for barn og unge da mye annet ble stengt ned.",
        "Kommunegruppa fikk mer ansvar selv da veileder ikke kunne komme fysisk. Det var litt "
        "skummelt, men vi lærte mye av å drive prosessen på egen hånd.",
        "Vi hadde planlagt et pedagogisk verksted med alle lærerne i april 2020, og det ble avlyst. "
        "Det ble aldri gjennomført, og det er nok den største mangelen i prosessen vår.",
        "Noe forsinkelse, men ikke dramatisk. Vi brukte ventetiden til å jobbe videre med "
        "nåsituasjonsanalysen internt.",
        "Dialogkonferansen på nett ga likevel nyttige innspill, særlig foredragene. "
        "Erfaringsdelingen i grupper fungerte dårligere digitalt.\nFor oss betydde det at vi måtte "
        "bruke mer tid lokalt på å diskutere innholdet etterpå.",
    ],
    # Utdyp svaret om arbeidsmåter i kollegiet.
    "11u": [
        "Vi har innført faste utviklingsmøter som holdes adskilt fra driftsmøtene. Lærerne vet nå "
        "at noen møter er satt av til pedagogiske drøftinger og ikke til praktiske beskjeder.",
        "Lærerne samarbeider mer på tvers av fag enn før, blant annet om konserter og prosjekter. "
        "Det er likevel et stykke igjen før vi kan kalle oss et profesjonelt læringsfellesskap.",
        "Kollegiet har i liten grad endret arbeidsmåter. Veiledningen har først og fremst påvirket "
        "kommunegruppa og ledelsen, og vi har ikke lykkes med å nå ut til alle lærerne.",
        "Pedagogiske verksteder der lærerne viser hverandre undervisningsopplegg har blitt populære. "
        "Det har gitt mer åpenhet om egen praksis.",
        "Ressurslærer har vært et viktig bindeledd og har ledet gruppearbeid i personalmøtene. "
        "Flere lærere tar nå ordet og kommer med egne forslag.",
        "Vi starter hvert personalmøte med et refleksjonsspørsmål. Det høres lite ut, men det har "
        "endret tonen i møtene.",
        "Mange av lærerne har små stillinger og underviser på flere skoler, så det er vanskelig å "
        "samle alle. De som har vært med, har fått et nytt syn på samarbeid.",
        "Lærerne har begynt å hospitere hos hverandre, og flere har tatt initiativ til "
        "samspillsprosjekter på tvers av instrumentgrupper.",
        "Noen lærere har vært svært engasjert, mens andre fortsatt ser på utviklingsarbeidet som "
        "noe ledelsen driver med. Vi må jobbe videre med å involvere alle.",
        "Lokal læreplan er utarbeidet i faggrupper, og det har ført til at lærerne i samme fag "
        "snakker mer sammen om mål og vurdering.",
        "Vi har tatt i bruk en enkel mal for planlegging av undervisningsforløp. Omtrent "
        "halvparten av lærerne bruker den jevnlig.",
        "Kollegiet har blitt mer vant til å arbeide i grupper og legge fram resultater for "
        "hverandre. Det er en arbeidsform mange ikke kjente fra før.",
        "Endringene i kollegiet er foreløpig små. Det tar tid å endre en kultur der hver lærer har "
        "jobbet mye alene i mange år.",
        "Etter sammenslåingen har lærerne fra de ulike kulturskolene blitt bedre kjent gjennom "
        "felles verksteder. Det har vært viktig for å bygge én felles kultur.",
        "SWOT-analysen gjorde at lærerne fikk komme med sine synspunkter på en strukturert måte. "
        "Mange sa etterpå at de for første gang følte seg hørt i et utviklingsarbeid.",
        "Nye arbeidsmåter er tatt i bruk, men koronaåret gjorde at mye av det vi startet ikke ble "
        "fulgt opp. Vi ser tegn til endring, men det er for tidlig å si om det varer.",
        "Vi har fått faste team for hver avdeling, felles planleggingstid og mer deling av "
        "undervisningsmateriell.",
        "Vi har fått bedre rutiner for elevsamtaler og tilbakemeldinger. Lærerne har utviklet "
        "rutinene sammen, og derfor blir de faktisk brukt.",
        "Lærerne deltok i arbeidet med nåsituasjonsanalysen, og det skapte engasjement. Det ble "
        "synlig hvor mye kompetanse som finnes i kollegiet.",
        "Det har vært vanskelig å få til ny praksis når mange lærere har korte stillinger og kommer "
        "rett fra andre jobber. Tid til felles arbeid er den største begrensningen.",
        "Lærerne tar i større grad ansvar for helheten i kulturskolen og ikke bare for sitt eget "
        "fag. Flere har meldt seg til arbeidsgrupper.",
        "Mer samarbeid, mer deling og en bedre møtestruktur.\nSamtidig har noen lærere ikke deltatt "
        "i det hele tatt, og det skaper et skille i personalet som vi må ta tak i.",
    ],
    # Utdyp svaret om kompetanse til videre utviklingsarbeid.
    "12u": [
        "Vi har lært en systematisk måte å drive utvikling på, fra analyse via mål og tiltak til "
        "evaluering. Den modellen vil vi bruke også i andre prosesser.",
        "Kompetansen sitter i stor grad hos kulturskolelederen. Hvis leder slutter, er vi usikre på "
        "om arbeidet vil fortsette.",
        "Vi har fått verktøy, men vi mangler tid. Uten at det settes av ressurser til "
        "utviklingsarbeid, blir det vanskelig å holde det i gang.",
        "Kommunegruppa er videreført som en fast utviklingsgruppe med møter fire ganger i året. Vi "
        "føler oss godt rustet til å fortsette.",
        "Vi har fått større forståelse for hvordan aksjonslæring fungerer i praksis. Å prøve ut, "
        "reflektere og justere har blitt en naturlig måte å jobbe på.",
        "Vi savner fortsatt noe ekstern støtte. En oppfølgingssamling etter et år ville gjort det "
        "lettere å holde trykket oppe.",
        "Kompetansen er god på ledernivå og hos ressurslærer. På eiernivå har det vært skifte av "
        "personer, så der må vi nesten begynne på nytt.",
        "Utviklingsplanen gir oss en tydelig retning for de neste tre årene. Den er forankret hos "
        "kommunalsjef og skal rulleres hvert år.",
        "Vi har lært å skille mellom drift og utvikling. Det er kanskje den viktigste kompetansen vi "
        "sitter igjen med.",
        "Det er usikkert. Vi har mange gode intensjoner, men hverdagen tar lett over når det ikke "
        "lenger er en veileder som følger opp.",
        "Ressurslærerne har fått erfaring med å lede prosesser i kollegiet. Den kompetansen vil vi "
        "bygge videre på, blant annet ved å gi dem et tydeligere mandat.",
        "Vi har lært å bruke nåsituasjonsanalyse og SWOT på egen virksomhet, og vi har allerede "
        "brukt verktøyene i arbeidet med en ny plan for kulturskolen.",
        "Både skoleeier og leder har fått bedre innsikt i hva det krever å drive utviklingsarbeid. "
        "Det gjør det lettere å prioritere riktig i budsjettarbeidet.",
        "Vi trenger mer kompetanse på å involvere lærerne. Kommunegruppa har lært mye, men det har "
        "ikke nådd helt ut i kollegiet.",
        "Gjennom dialogkonferansene har vi fått et nettverk av andre kulturskoler som vi kan spørre "
        "om råd. Det er en viktig del av kompetansen vår videre.",
        "Med ny kommunestruktur og ny organisering av kulturfeltet er det uklart hvem som skal ha "
        "ansvaret for videre utvikling. Kompetansen finnes, men rollene må avklares.",
        "Lærerne har fått mer erfaring med vurdering og lokal læreplan, og det er en god plattform. "
        "Vi ønsker å bruke KulVFL videre for å styrke kvalitetsarbeidet.",
        "Vi har forstått at endring må skje i små steg og over flere år. Den innsikten er viktig for "
        "både eier og leder når vi skal sette mål framover.",
        "Kompetansen er på plass, men vi er en liten kulturskole med få ansatte. Når én person er "
        "borte, stopper mye opp.",
        "Vi har fått gode strukturer for møter og dokumentasjon, og årshjulet vårt har nå faste "
        "punkter for utviklingsarbeid.",
        "Veilederen lærte oss å stille gode spørsmål i stedet for å komme med ferdige løsninger. Den "
        "måten å lede samtaler på har vi tatt med oss videre.",
        "Middels. Vi har fått et godt grunnlag, men mye er fortsatt uprøvd, og vi har ikke hatt tid "
        "til å evaluere tiltakene vi satte i gang.",
        "Skoleeier har fått økt forståelse for kulturskolens samfunnsoppdrag og har lovet å følge "
        "opp arbeidet i styringsdialogen med kulturskolen.",
        "Vi opplever at vi har kompetanse til å fortsette, men det krever at noen har ansvar for å "
        "kalle inn og holde i prosessen.\nVi har derfor satt av en time i uka til ressurslærer for å "
        "koordinere utviklingsarbeidet.",
    ],
    # Hva har vært de viktigste resultatene av veiledningen for kommunen?
    "13": [
        "En felles plattform for kulturskolen i den nye kommunen, med felles mål og verdier.",
        "Bedre forståelse for kulturskolen hos skoleeier. Kulturskolen er nå nevnt i kommuneplanens "
        "samfunnsdel for første gang.",
        "Vi har fått en lokal læreplan som er laget av lærerne selv. Den brukes aktivt i "
        "planleggingen og i samtaler med foreldre.",
        "Kommunegruppa har blitt et godt forum for dialog mellom eier, leder og lærere. Veien til "
        "beslutninger er blitt kortere.",
        "Et tydeligere breddeprogram med tilbud i skoletiden i samarbeid med grunnskolen.",
        "Vi har fått et mer samlet kollegium som tar ansvar sammen. Det er lettere å få gjennomslag "
        "for nye ideer nå enn før.",
        "Økt bevissthet om forskjellen mellom drift og utvikling. Vi bruker møtetiden bedre.",
        "Ny møtestruktur, ny utviklingsplan og et mer engasjert personale.",
        "Kulturskolen er blitt mer synlig i kommunen. Vi samarbeider nå med barnehager, helsestasjon "
        "og ungdomsklubb.",
        "Vi har fått en grundig nåsituasjonsanalyse som viser både styrker og svakheter. Den er et "
        "godt grunnlag for prioriteringer framover.",
        "Rolleavklaringen i kommunegruppa. Vi vet nå bedre hva som er eiers ansvar og hva som er "
        "leders ansvar, og det har gjort samarbeidet enklere.",
        "Budsjettet til kulturskolen ble styrket i 2021, blant annet fordi politikerne fikk bedre "
        "innsikt i behovene gjennom arbeidet i kommunegruppa.",
        "Lærerne har fått et felles språk for å snakke om kvalitet i undervisningen.",
        "Sammenslåingen av tre kulturskoler har gått mye lettere enn den ellers ville ha gjort. "
        "Veiledningen ga oss en felles prosess å samles om.",
        "Vi har fått på plass et fordypningsprogram i musikk og et talentløp i samarbeid med "
        "videregående skole.",
        "Det viktigste er kanskje at vi har fått troen på at vi kan endre noe selv. Før ventet vi "
        "på at andre skulle ta initiativet.",
        "Et tydeligere samfunnsoppdrag og bedre forankring i kommunale planer. Vi har også fått en "
        "egen plan for kulturskolen som er politisk vedtatt.",
        "Resultatene er foreløpig mest synlige i ledelsen og kommunegruppa. Det gjenstår å se om "
        "endringene setter seg i undervisningen.",
        "- Ny virksomhetsplan, lokal læreplan i tre fag og en fast møtestruktur for "
        "utviklingsarbeid.",
        "Samarbeidet med grunnskolen er blitt bedre, og kulturskolelærere deltar nå i undervisningen "
        "i flere klasser.",
        "Ressurslærerrollen er blitt en fast funksjon med avsatt tid. Det har gitt lærerne en "
        "tydeligere stemme inn mot ledelsen.",
        "Mer refleksjon over egen praksis og større vilje til å dele med kolleger.",
        "Vi har ryddet i tilbudsstrukturen og fått oversikt over hvilke tilbud som hører hjemme i "
        "kjerneprogram, breddeprogram og fordypningsprogram. Det gjør det lettere å forklare "
        "tilbudet for foreldre og politikere.",
        "Skoleeier har fått en mer aktiv rolle og deltar nå jevnlig på møter med kulturskolen. Det "
        "har vi ikke hatt tidligere.",
        "Det har vært lærerikt, men de konkrete resultatene er færre enn vi hadde håpet. Mye av "
        "tiden gikk med til å forstå selve prosessen.",
        "Vi har fått bedre rutiner for vurdering og elevsamtaler, og foreldrene gir positive "
        "tilbakemeldinger på at de får mer informasjon om barnas utvikling.",
        "Gjennom dialogkonferansene fikk vi inspirasjon og kontakter i andre kommuner. Vi har "
        "allerede gjennomført et felles prosjekt med en nabokommune.",
        "Vi har laget en visjon og felles verdier for kulturskolen sammen med hele personalet. Den "
        "brukes nå som rettesnor i hverdagen.",
        "Kulturskolens plass i oppvekstsektoren er tydeliggjort, og kulturskolen er nå med i "
        "ledermøtene for skolene i kommunen.",
        "Økt kompetanse i kommunegruppa på å lede utviklingsprosesser, og et tettere samarbeid "
        "mellom leder og ressurslærer.",
        "Vi fikk satt i gang et utviklingsarbeid som ellers ikke ville ha blitt prioritert. Uten en "
        "veileder utenfra hadde det lett blitt skjøvet ut i en travel hverdag.",
        "En ny organisering av undervisningen med mer gruppeundervisning for nybegynnere. Det har "
        "gjort at vi har kunnet ta inn flere elever fra ventelisten.",
        "Vi har lært mye om oss selv som organisasjon. SWOT-analysen i starten avdekket ting vi ikke "
        "hadde snakket åpent om før.",
        "Kulturskolen har fått en tydeligere identitet. Lærerne opplever at det de gjør, henger "
        "sammen med en større helhet.",
        "Det viktigste resultatet er at vi har et system for utvikling som ikke avhenger av "
        "enkeltpersoner. Planene og rutinene ligger i kvalitetssystemet.",
        "For oss har det viktigste vært prosessen i seg selv: at eier, leder og lærere har sittet "
        "rundt samme bord gjennom to år.\nVi har blitt kjent med hverandres hverdag og forstår bedre "
        "hvorfor beslutninger tar tid. Det er et resultat som er vanskelig å måle, men som vi merker "
        "hver dag.",
    ],
    # Hva har vært de største utfordringene underveis i veiledningsperioden?
    "14": [
        "Tid. Det var vanskelig å finne rom for utviklingsarbeid ved siden av den daglige driften.",
        "Å involvere hele lærerkollegiet. Mange lærere har små stillinger og er sjelden til stede "
        "på møter.",
        "Skoleeier deltok bare på to av møtene. Det gjorde det vanskelig å få forankret arbeidet "
        "utover kulturskolen.",
        "Kommunesammenslåingen tok mye av kapasiteten i 2019 og 2020. Vi hadde nye ledere, ny "
        "organisering og mange ansatte som var usikre på framtiden.",
        "Utskiftning i kommunegruppa. Vi byttet både ressurslærer og representant for skoleeier "
        "underveis, og hver gang måtte vi starte litt på nytt.",
        "Lang tid mellom møtene gjorde det vanskelig å holde kontinuiteten. Vi hadde en tendens til "
        "å ta opp arbeidet først rett før neste veiledningsmøte.",
        "Koronapandemien, helt klart. Den stoppet mye av det vi hadde planlagt sammen med lærerne "
        "våren 2020.",
        "Det var uklart i starten hva som ble forventet av hver enkelt i kommunegruppa. Det tok tid "
        "før vi forsto hvilken rolle ressurslæreren skulle ha.",
        "Mye av ansvaret falt på kulturskoleleder, både for planlegging, innkalling og oppfølging. "
        "Det ble en stor ekstrabelastning.",
        "Lang reisevei til samlingene. For en liten kommune i utkanten betyr hver samling to dager "
        "borte fra jobb.",
        "Å få lærerne til å se nytten av utviklingsarbeidet. Noen opplevde det bare som flere møter "
        "og mer papirarbeid.",
        "Begrepene var til dels abstrakte, og det tok tid før vi forsto hvordan verktøyene skulle "
        "brukes i vår egen kulturskole.",
        "Å koble det overordnede arbeidet i kommunegruppa med det praktiske arbeidet i "
        "undervisningen. Det ble lett to parallelle spor.",
        "Vi er en liten kulturskole med leder i deltidsstilling. Det sier seg selv at kapasiteten "
        "til utviklingsarbeid er begrenset.",
        "Vi var flere kommuner i samme gruppe, med ulike behov og ulik kultur. Det tok tid å finne "
        "en felles retning.",
        "Politisk nivå var ikke representert i gruppa, og kulturskolen konkurrerer med mange andre "
        "tjenester om oppmerksomhet. Vi manglet en tydelig stemme inn i kommunestyret.",
        "Sykdom og permisjon hos leder i en periode gjorde at arbeidet lå nede i flere måneder.",
        "Å holde motivasjonen oppe over så lang tid, særlig etter at pandemien forlenget perioden.",
        "- Tid til møter, involvering av lærerne og lite deltakelse fra skoleeier.",
        "Vi hadde for store ambisjoner i starten og valgte for mange satsingsområder. Veileder "
        "hjalp oss å prioritere, men vi burde ha snevret inn tidligere.",
        "Det var krevende å få til en god dialog med skoleeier, som hadde ansvar for mange tjenester "
        "og lite tid til kulturskolen.",
        "Digitale møter gjorde det vanskelig å få til gode diskusjoner, særlig med lærerne. Mange "
        "slo av kameraet og deltok lite.",
        "Rådmannen ble byttet ut midt i perioden, og den nye ledelsen hadde andre prioriteringer. Vi "
        "måtte bruke tid på å forankre arbeidet på nytt.",
        "Ressurslærer følte seg ofte klemt mellom kollegene og ledelsen. Rollen burde vært tydeligere "
        "beskrevet fra starten av.",
        "Å finne møtetidspunkter som passet for alle. Lærerne underviser på ettermiddagen, mens "
        "skoleeier jobber på dagtid.",
        "Vi hadde ingen store utfordringer. Det som krevde mest, var å sette av nok tid til arbeidet "
        "mellom møtene.",
        "Å skrive utviklingsplanen tok lengre tid enn forventet. Vi ble sittende fast i "
        "formuleringer i stedet for å prioritere tiltak.",
        "Den største utfordringen var at prosessen var vanskelig å se for seg på forhånd. Først i "
        "andre semester forsto vi hva veiledningen egentlig gikk ut på.\nHadde vi visst det fra "
        "starten, ville vi ha tatt med lærerne tidligere og brukt mer tid på å avklare "
        "forventninger i kommunegruppa.",
    ],
    # Hvordan vil dere holde utviklingsarbeidet i gang etter veiledningsperioden?
    "15": [
        "Kommunegruppa fortsetter som utviklingsgruppe med faste møter hvert semester.",
        "Vi har lagt inn utviklingsarbeid som fast punkt i årshjulet, med to planleggingsdager for "
        "hele personalet hvert år.",
        "Utviklingsplanen skal rulleres årlig og rapporteres til hovedutvalget for oppvekst og "
        "kultur.",
        "Vi fortsetter med pedagogiske verksteder annenhver måned, ledet av lærerne selv på omgang.",
        "Ressurslærer får en fast ressurs til å koordinere arbeidet, og leder tar ansvar for "
        "oppfølging i ledermøtene med kommunalsjef.",
        "Vi har søkt om å delta i KulVFL og ser det som en naturlig fortsettelse av veiledningen.",
        "Vi vil gjennomføre nåsituasjonsanalysen på nytt om to år for å se hva som har endret seg.",
        "Det blir en utfordring. Vi håper å få til et nettverk med nabokommunene, slik at vi kan "
        "støtte hverandre.",
        "Lokal læreplan skal ferdigstilles for alle fag i løpet av neste skoleår, og faggruppene har "
        "fått ansvar for hver sin del.",
        "Vi ønsker å holde på arbeidsformen med kommunegruppa, men må finne en ny representant for "
        "skoleeier etter omorganiseringen.",
        "Gjennom faste utviklingsmøter adskilt fra driftsmøtene, og ved å evaluere tiltakene hvert "
        "halvår.",
        "Kulturskolen er nå med i kommunens kvalitetssystem, og det gir en ramme for å følge opp "
        "arbeidet over tid.",
        "Vi skal bruke de samme verktøyene som i veiledningen, blant annet SWOT og "
        "aksjonslæringssirkelen, i nye prosjekter.",
        "- Faste møter i kommunegruppa, årlig evaluering og en egen sak om kulturskolen i "
        "kommunestyret hvert år.",
        "Vi ser behov for ekstern hjelp også videre, og vurderer å søke om en ny runde med "
        "veiledning eller å kjøpe inn prosessveiledning.",
        "Det viktigste blir å involvere de nye lærerne vi har ansatt, slik at kunnskapen ikke bare "
        "sitter hos dem som var med i veiledningen.",
        "Vi skal arrangere en intern dialogkonferanse for alle ansatte i kultursektoren, etter "
        "modell fra samlingene i veiledningen.",
        "Vi har ikke en konkret plan ennå. Arbeidet har stoppet litt opp etter at perioden ble "
        "avsluttet, og vi må sette oss ned i kommunegruppa og bli enige om neste steg.\nVi tror "
        "likevel at grunnlaget er lagt, og at det handler om å prioritere tid.",
    ],
    # Har dere andre kommentarer eller innspill til veiledningsordningen?
    "16": [
        "Takk for et godt og lærerikt samarbeid. Veilederen vår var engasjert og tydelig, og det "
        "betydde mye for oss.",
        "Vi anbefaler at skoleeier forplikter seg tydeligere til å delta før oppstart, gjerne "
        "gjennom en skriftlig avtale om deltakelse i møtene.",
        "Ordningen bør ha et tilbud om oppfølging et år etter avslutning. Det er først da man ser om "
        "arbeidet har satt seg.",
        "Det bør legges mer vekt på å involvere lærerne tidlig i prosessen, for eksempel med en egen "
        "samling for hele personalet ved oppstart.",
        "Sett av mer tid til forventningsavklaring i første møte, særlig om rollene i kommunegruppa.",
        "Tidsrammen kunne vært kortere og mer intensiv. To år er lenge for en liten kulturskole å "
        "holde fokus.",
        "Vi vil gjerne at digitale møter blir en fast del av ordningen, særlig for kommuner med lang "
        "reisevei til samlingene.",
        "Veiledningsordningen har vært det viktigste løftet for kulturskolen vår på mange år.\nVi "
        "ønsker at flere kommuner får muligheten, og at Kulturskolerådet fortsetter å utvikle "
        "ordningen ut fra erfaringene i denne undersøkelsen.",
    ],
}

EXPECTED_COUNTS = {"9u": 12, "10": 26, "11u": 22, "12u": 24, "13": 36, "14": 28, "15": 18, "16": 8}

assert set(ANSWERS) == set(EXPECTED_COUNTS), sorted(ANSWERS)
for _code, _n in EXPECTED_COUNTS.items():
    assert len(ANSWERS[_code]) == _n, (_code, len(ANSWERS[_code]), _n)
assert sum(len(v) for v in ANSWERS.values()) == 174
_all = [a for v in ANSWERS.values() for a in v]
assert len(set(_all)) == len(_all), "answers must be distinct"
assert all(a.strip() and len(a.split()) >= 4 for a in _all), "every answer needs real content"
del _code, _n, _all
