"""Demo free-text answers, part 1: questions 1u, 2u, 3u, 4, 5u, 6u, 7u and 8.

Pure data, no Django imports. Written for the demo in the voice of municipal teams
(kulturskoleleder, ressurslærer, skoleeier); none is taken from the report.
"""

ANSWERS = {
    # Utdyp gjerne hvordan sammensetningen av kommunegruppa fungerte.
    "1u": [
        "Svært godt. Alle tre rollene var med fra start til slutt, og det ga oss et felles språk "
        "for utviklingsarbeidet.",
        "Ressurslærer og leder fungerte godt sammen, men skoleeier var lite til stede etter de "
        "første møtene. Det gjorde at mange beslutninger ble liggende.",
        "Vi manglet politisk representant hele perioden. Administrativ skoleeier stilte på de "
        "fleste møtene og var en god støtte for kulturskolelederen.",
        "Det tok tid før vi fant ut hvem som skulle gjøre hva i gruppa. Etter en grundig "
        "gjennomgang av rollene i det andre veiledningsmøtet gikk det mye lettere.",
        "Vi byttet ressurslærer underveis på grunn av permisjon, og det satte oss litt tilbake. "
        "Den nye kom raskt inn i arbeidet, men noe av kontinuiteten forsvant.",
        "Fungerte bra.",
        "Gruppa var stor fordi vi var flere kommuner sammen. Det ga mange perspektiver, men det "
        "var vanskelig å få alle til å bidra likt, og mye falt på lederne.",
        "Skoleeier på kommunalsjefnivå var med på alle møtene. Det ga arbeidet tyngde, og "
        "kulturskolen ble mer synlig i kommunens planarbeid.",
        "Det var nyttig at ressurslærer kunne ta med seg spørsmål fra kollegiet inn i gruppa og "
        "tilbake igjen. Slik fikk lærerne en stemme i prosessen.",
        "Sammensetningen var god på papiret. I praksis ble det kulturskolelederen som drev det "
        "meste av arbeidet mellom møtene.",
        "Vi hadde to ressurslærere i stedet for én, noe som viste seg å være lurt. De kunne dele "
        "på oppgavene og støtte hverandre overfor kollegiet.",
        "Kommunesammenslåingen gjorde at vi fikk ny skoleeierrepresentant halvveis i perioden. Den "
        "nye var positiv, men måtte bruke tid på å sette seg inn i det som allerede var gjort.",
        "Det var første gang leder, lærer og eier satt rundt samme bord for å snakke om "
        "kulturskolens utvikling. Det ble mange gode samtaler og økt forståelse for hverandres "
        "hverdag.",
        "Politikeren i gruppa var engasjert, men hadde vanskelig for å prioritere møtene på dagtid.",
        "Litt skjev fordeling av ansvar. Ressurslærer opplevde rollen som uklar i starten og var "
        "usikker på om hun representerte kollegiet eller seg selv.",
        "Godt samarbeid i gruppa, og vi har blitt bedre kjent med hverandre.\nSkulle vi gjort noe "
        "annerledes, ville vi tatt med en rektor fra grunnskolen for å styrke samarbeidet med "
        "skolen.",
        "Gruppa fungerte best når alle hadde forberedt seg. Når noen uteble, ble møtene mer preget "
        "av informasjon enn av utvikling.",
        "Ble bedre etter hvert.",
    ],
    # Utdyp svaret om forventninger.
    "2u": [
        "Veiledningen svarte godt til det vi hadde forventet. Veileder var godt forberedt og "
        "tilpasset opplegget til vår situasjon.",
        "Vi visste ikke helt hva vi gikk til, og forventningene var derfor nokså vage. Underveis "
        "ble det tydeligere hva som ble forventet av oss.",
        "Vi hadde forventet mer konkrete råd og løsninger. Veiledningen handlet mer om prosess og "
        "refleksjon enn vi hadde sett for oss, noe vi i ettertid ser verdien av.",
        "Svært godt samsvar.",
        "Kulturskolerådet leverte det som var avtalt. Det var vi selv som ikke alltid klarte å "
        "følge opp mellom møtene.",
        "Forventningene var ulike i gruppa. Skoleeier ønsket en plan for organisering, mens "
        "lærerne håpet på faglig påfyll. Det burde vært avklart bedre før oppstart.",
        "Vi fikk mer enn vi forventet. Spesielt arbeidet med nåsituasjonsanalysen ga oss et "
        "realistisk bilde av hvor vi står.",
        "Koronapandemien gjorde at siste del av perioden ikke ble slik vi hadde planlagt. Likevel "
        "fikk vi gjennomført det viktigste.",
        "Vet ikke helt. Det var få i gruppa som hadde tydelige forventninger da vi startet.",
        "Veileder var flink til å lytte og møtte oss der vi var. Samtidig kunne vi ønsket oss "
        "tydeligere frister og mer trykk på framdriften.",
        "Vi hadde ventet at rammeplanen skulle stå mer sentralt. Mye av tiden gikk med til å "
        "avklare grunnleggende spørsmål om organisering og roller.",
        "Bra samsvar, men oppstarten var noe uklar. Det tok et par møter før vi forsto "
        "sammenhengen mellom de ulike fasene.",
        "Vi opplevde at veiledningen var for generell i starten og for lite knyttet til våre "
        "utfordringer som liten kulturskole med få ansatte.",
        "Forventningen var at veiledningen skulle hjelpe oss i gang med lokal læreplan, og det gjorde den.",
        "Vi trodde veiledningen skulle gi oss hjelp til å lage en ny struktur for tilbudet. I "
        "stedet ble det mest oppmerksomhet på prosessen rundt, noe som var nyttig, men annerledes "
        "enn ventet.",
        "Høy grad av samsvar. Veiledningen var godt strukturert, og materiellet vi fikk var relevant og lett å bruke.",
        "Skoleeier hadde forventninger om at veiledningen skulle gi svar på budsjettspørsmål. Det "
        "var ikke veiledningens oppgave, og det måtte avklares underveis.",
        "Vi hadde forventet flere fysiske møter. Da pandemien kom, ble mye flyttet over på nett, "
        "og det fungerte ikke like godt for oss.",
        "Veiledningen ble det vi trengte, selv om det ikke var det vi trodde vi trengte.",
        "Forventningene ble innfridd. Det var godt å ha en ekstern person som stilte spørsmål vi ikke stilte oss selv.",
        "Det var vanskelig å se for seg hvordan et utviklingsarbeid over tre semestre skulle se ut "
        "før vi var i gang. En tydeligere presentasjon av hele løpet ved oppstart hadde hjulpet.",
        "Middels. Veilederen gjorde en god jobb, men vi hadde for lite tid selv til å få fullt utbytte.",
        "Samsvaret var godt på ledernivå. Lærerne hadde nok andre forventninger, og flere opplevde "
        "at de ikke fikk nok informasjon om hva som foregikk.",
        "Vi var forberedt på at det ville kreve mye av oss, og det gjorde det. Arbeidsmengden var "
        "likevel overkommelig.",
        "Gode forventninger som ble innfridd.",
        "Vi opplevde at Kulturskolerådet hadde tydelige forventninger til oss, og det var nyttig. "
        "Det ble stilt krav om at skoleeier skulle delta, og det var viktig for oss.",
        "Som sammenslått kommune hadde vi ekstra store forventninger om hjelp til å samle "
        "kulturskolene i de gamle kommunene til én felles skole. Veiledningen ga oss gode verktøy, "
        "men sammenslåingen tok mye av kapasiteten.",
        "Veiledningen var bedre enn forventet på det faglige, men det administrative rundt, som "
        "møteinnkallinger og referater, kunne vært ryddigere.",
        "Vi fikk hjelp til å skille mellom drift og utvikling, og det var kanskje det viktigste vi "
        "ikke visste at vi trengte.",
        "Delvis samsvar. Vi måtte bytte veileder midt i perioden, og det tok tid å bygge opp en ny relasjon.",
    ],
    # Utdyp svaret om forankring.
    "3u": [
        "Leder har vært tungt inne hele veien, og arbeidet er godt forankret der. På lærernivå er "
        "det fortsatt en vei å gå.",
        "Skoleeier har vært med i alle møtene og har tatt arbeidet videre inn i kommunens "
        "planverk. Kulturskolen er nå omtalt i kommuneplanens samfunnsdel.",
        "Forankringen på eiernivå var svak. Kommunalsjefen deltok på oppstarten, men ellers var "
        "det lite interesse fra administrasjonen.",
        "Lærerne har vært involvert gjennom personalmøter og pedagogiske verksteder, men mange "
        "opplever fortsatt utviklingsarbeidet som noe ledelsen driver med.",
        "Godt forankret hos leder og ressurslærer. Politisk nivå har fått informasjon i hovedutvalget to ganger.",
        "Vi valgte å involvere hele kollegiet i SWOT-analysen fra start. Det ga god forankring "
        "blant lærerne, og flere har tatt initiativ til egne tiltak etterpå.",
        "Mange lærere i små stillinger gjør det vanskelig å samle alle. Forankringen blant lærerne ble derfor ujevn.",
        "Eiernivået ble borte i kommunesammenslåingen. Nye ledere og nye strukturer gjorde at "
        "kulturskolen ikke ble prioritert.",
        "Vi har fått vedtak i kommunestyret om en ny plan for kulturskolen bygd på rammeplanen, så "
        "den politiske forankringen er god.",
        "Det er leder som har båret prosjektet. Det er en sårbarhet vi er klar over.",
        "Ressurslærer har vært en viktig brobygger mellom kommunegruppa og kollegiet. Uten henne "
        "hadde lærerne visst lite om hva vi jobbet med.",
        "Varierende. Godt på ledernivå, middels hos eier, svakt blant lærerne.",
        "Vi burde involvert lærerne tidligere. Da de kom med for alvor, hadde vi allerede lagt mye "
        "av premissene, og noen opplevde at de ble presentert for ferdige løsninger.",
        "Skoleeier har vært engasjert, men har mange andre tjenester å følge opp. Kulturskolen "
        "konkurrerer om oppmerksomheten med barnehage og grunnskole.",
        "Forankringen er blitt bedre underveis. I starten var det få som visste om veiledningen, "
        "nå er arbeidet kjent i hele oppvekstsektoren.",
        "Rådmannens ledergruppe har fått presentert utviklingsplanen, og den er tatt inn i "
        "virksomhetsplanen for oppvekst.",
        "Utskiftninger i administrasjonen gjorde at vi måtte forankre arbeidet på nytt flere ganger.",
        "Lærerne har deltatt aktivt i arbeidet med lokal læreplan. Det har gitt eierskap til "
        "prosessen og mer engasjement i kollegiet enn vi hadde før.",
        "Politikerne vet lite om kulturskolen. Veiledningen har ikke endret på det i særlig grad.",
        "Vi har hatt jevnlige orienteringer til kommunalsjef og oppvekstutvalg. Det har gjort at "
        "arbeidet er kjent, men ikke nødvendigvis at det blir prioritert i budsjettet.",
        "Godt forankret i ledelsen.",
        "Det har vært krevende å forankre arbeidet på lærernivå fordi mange av lærerne også jobber "
        "i andre kommuner eller i grunnskolen. Felles tid er mangelvare.",
        "Vi er fornøyd med forankringen på alle nivå. At alle tre rollene var representert, gjorde "
        "at informasjonen gikk begge veier.",
        "Som interkommunal kulturskole har vi flere eiere. Det var vanskelig å få alle kommunene "
        "like engasjert, og forankringen varierer derfor mellom dem.",
        "Lærernes forankring ble styrket da vi flyttet arbeidet inn i de faste personalmøtene i "
        "stedet for å legge det på ekstra møter.",
        "Skoleeier deltok på dialogkonferansene, og det ga en helt annen forståelse for hva kulturskolen driver med.",
        "Noe usikkert. Vi ser at forankringen står og faller på enkeltpersoner, og det er ikke bra nok.",
        "Det har vært en tydelig forankring i kommunens ledelse, og veiledningen har vært tema i "
        "møter med rådmannen. Lærerne har vært med gjennom ressurslærer, men de fleste har nok "
        "fulgt arbeidet litt på avstand.\nVi ser at dette må bli bedre i neste fase.",
        "Forankringen blant lærerne er overraskende god, mens eiernivået har vært mer fraværende enn vi håpet.",
        "- god på ledernivå\n- for svak hos politikerne\n- lærerne med via personalmøter",
        "Forankringen ble tydeligere da utviklingsplanen ble behandlet politisk høsten 2020.",
        "Vi har hatt god støtte fra kommunalsjefen hele veien. Det har betydd mye for "
        "motivasjonen, særlig i travle perioder med konserter og opptak.",
    ],
    # Hvilke forventninger hadde kommunen til veiledningen før oppstart?
    "4": [
        "At vi skulle få hjelp til å implementere rammeplanen.",
        "Vi ønsket hjelp til å utvikle et bredere tilbud, særlig et breddeprogram som kunne nå flere barn.",
        "Forventningen var å få et eksternt blikk på kulturskolen og hjelp til å prioritere. Vi "
        "visste at vi hadde mange utfordringer, men ikke hvor vi skulle begynne.",
        "At veiledningen skulle bidra til at kulturskolen ble bedre kjent og forankret i kommunen, "
        "både politisk og administrativt.",
        "Vi hadde lave forventninger, ærlig talt. Kommunen hadde mye annet på dagsordenen, og vi "
        "meldte oss på uten en tydelig plan.",
        "Hjelp til å lage lokal læreplan og en plan for kvalitetsutvikling.",
        "Vi forventet at veiledningen skulle hjelpe oss gjennom kommunesammenslåingen og gi oss et "
        "felles grunnlag for å bygge én kulturskole.",
        "At vi skulle få konkrete verktøy til utviklingsarbeid som vi kunne bruke også etter at perioden var over.",
        "Vet ikke helt. Det var tidligere leder som søkte om deltakelse.",
        "Vi hadde forventninger om at veiledningen skulle gi lærerne mer eierskap til egen praksis "
        "og skape mer samarbeid på tvers av fag.",
        "Få hjelp til å se kulturskolen i sammenheng med grunnskolen og SFO, og finne gode samarbeidsformer.",
        "Forventningene var store. Vi håpet veiledningen skulle løse mye av det vi hadde strevd "
        "med i flere år, blant annet ventelister og manglende lokaler.",
        "At skoleeier skulle få mer kunnskap om kulturskolen og dens behov.",
        "Vi forventet et strukturert opplegg med tydelige mål og faser, og at veileder skulle holde oss i ørene.",
        "Å få hjelp til å organisere tilbudet etter kjerneprogram, breddeprogram og fordypningsprogram.",
        "Vi ønsket oss en prosess som kunne samle kollegiet om felles mål. Mange lærere har jobbet alene i lang tid.",
        "Usikre forventninger. Vi visste lite om hva veiledningsordningen innebar, men var nysgjerrige.",
        "At kulturskolen skulle få en tydeligere profil og bli et ressurssenter i kommunen.",
        "- hjelp til rammeplanarbeid\n- mer samarbeid med grunnskolen\n- styrke lederrollen",
        "Vi trodde det skulle handle mest om fag og undervisning. At det var så mye fokus på "
        "organisasjon og roller, var en overraskelse.",
        "Forventet faglig påfyll og inspirasjon til hele personalet.",
        "Skoleeier forventet at vi skulle få et bedre beslutningsgrunnlag for framtidig "
        "organisering av kulturskolen, blant annet spørsmålet om interkommunalt samarbeid.",
        "At vi skulle få til et systematisk utviklingsarbeid, ikke bare enkeltprosjekter som dør "
        "ut når ildsjelene slutter.",
        "Vi håpet å komme i gang med en utviklingsplan. Det hadde vi snakket om i mange år uten å lykkes.",
        "Vi forventet at veiledningen skulle gi oss et felles språk om kvalitet i kulturskolen.",
        "Hjelp til å prioritere innenfor små ressurser.",
        "Kommunen forventet at deltakelsen skulle gi en kulturskole som i større grad når barn som "
        "i dag ikke går i kulturskolen. Mangfold og inkludering var viktige stikkord for oss.",
        "At vi fikk en veileder som kjente kulturskolefeltet godt og kunne gi råd ut fra erfaring fra andre kommuner.",
        "Vi hadde forventninger om flere møter med veileder og kortere tid mellom dem.",
        "Forventningene var at veiledningen skulle hjelpe oss å gå fra tradisjonell musikkskole "
        "til kulturskole med flere kunstfag.",
        "Få på plass gode rutiner for vurdering og elevoppfølging.",
        "Ledelsen ønsket støtte i et krevende endringsarbeid. Det var viktig å ha noen utenfra som "
        "kunne ta noen av diskusjonene sammen med oss.",
        "Vi forventet at arbeidet skulle være tidkrevende, men ikke at det skulle kreve så mye av lederen.",
        "At vi sammen med skoleeier skulle finne ut hva kulturskolen skal være i vår kommune de neste ti årene.",
        "Få oversikt. Få retning.",
        "Vi ønsket å bruke veiledningen til å revidere gamle vedtekter og planer slik at de samsvarer med rammeplanen.",
        "Ingen spesielle forventninger utover at det skulle være nyttig.",
        "Forventningene var knyttet til lærernes kompetanse og til å utvikle undervisningen, "
        "særlig gruppeundervisning og samspill.\nVi ønsket også at arbeidet skulle gjøre "
        "kulturskolen mer synlig i lokalsamfunnet.",
    ],
    # Utdyp svaret om organiseringsformen.
    "5u": [
        "Veiledningsmøtene i egen kommune var det mest verdifulle. Der fikk vi jobbet konkret med "
        "våre egne problemstillinger.",
        "Samlingene med flere kommuner ga inspirasjon og nye ideer. Det var nyttig å høre at andre "
        "strever med det samme som oss.",
        "Veileder var lett tilgjengelig på e-post og telefon mellom møtene, og svarte raskt.",
        "Vi hadde ønsket mer oppfølging mellom møtene. Det ble lange pauser der lite skjedde.",
        "Godt opplegg med en fin veksling mellom lokale møter og felles samlinger.",
        "Reiseavstanden til samlingene var lang for oss. To dager borte fra driften er mye for en "
        "liten kulturskole med få ansatte.",
        "Nettmøtene under pandemien fungerte overraskende godt. Korte digitale møter kan gjerne "
        "brukes mer også i framtiden.",
        "Digitale møter ble en nødløsning. Vi mistet mye av den uformelle praten og dynamikken i gruppa.",
        "Det var bra at veileder kom til oss. Da kunne flere delta, og vi kunne vise fram skolen.",
        "Vi skulle gjerne hatt mulighet til å ta med flere lærere på samlingene.",
        "Fornøyd med alle deler.",
        "Veileders oppfølging var avgjørende for at vi holdt framdriften. Uten påminnelser og "
        "spørsmål fra veileder hadde arbeidet nok stoppet opp i travle perioder.",
        "De lokale møtene ble noen ganger for korte. Vi brukte mye tid på oppsummering og fikk for "
        "lite tid til å jobbe videre.",
        "Organiseringen var god, men vi skulle ønske at oppgavene mellom møtene var tydeligere formulert.",
        "Samlingene med flere kommuner var nyttige, men programmet var tett. Mer tid til samtale i "
        "egen gruppe hadde vært fint.",
        "Som gruppe av flere kommuner var det en fordel å møte veileder samlet, men noen møter "
        "burde vært holdt med hver kommune for seg.",
        "Veileder hadde god struktur på møtene og sendte referat raskt. Det gjorde det lett å følge opp.",
        "Møtene i egen kommune ble utsatt flere ganger på grunn av korona, og vi mistet litt av flyten.",
        "Helt greit.",
        "Vi opplevde at samlingene med andre kommuner ga mest til ledere og eiere. Ressurslærerne "
        "fant ikke alltid sin plass i programmet.",
        "Rekkefølgen med veiledningsmøte først, så møte i kommunegruppa og deretter personalmøte "
        "fungerte godt for oss.",
        "Vi hadde liten kontakt med veileder mellom møtene, men det var nok like mye vårt ansvar som veileders.",
        "Gode samlinger med relevante foredrag. Det var inspirerende å høre forskere og praktikere "
        "snakke om kulturskoleutvikling.",
        "Det fungerte best når veileder utfordret oss. Noen møter ble litt for hyggelige og for lite forpliktende.",
        "Lokale møter var nyttige, men det var krevende å finne tidspunkt som passet for alle, spesielt for skoleeier.",
        "Teams-møtene var effektive og sparte oss for mye reising. Vi ville likevel ikke vært "
        "foruten de fysiske møtene i starten, der vi ble kjent med veileder.",
        "Vi var godt fornøyd med veileders oppfølging. Hun kjente oss godt etter hvert og kunne "
        "stille de riktige spørsmålene.",
        "Samlingene ga oss et nettverk vi fortsatt bruker. Vi har hatt kontakt med to av kommunene "
        "etter at perioden var over.",
    ],
    # Utdyp gjerne hvordan møteplanen fungerte.
    "6u": [
        "Møteplanen ble lagt tidlig, og det gjorde det enkelt å sette av tid.",
        "Vi fikk gjennomført færre møter enn planlagt fordi pandemien satte en stopper for de siste fysiske møtene.",
        "Det ble for lang tid mellom noen av møtene, særlig over sommeren. Vi måtte bruke mye tid "
        "på å komme i gang igjen.",
        "Passe antall møter. Vi hadde likevel hatt nytte av faste interne møter i kommunegruppa "
        "mellom veiledningsmøtene.",
        "Møteplanen fungerte godt da vi la veiledningsmøtene rett før personalmøtene. Da kunne vi "
        "ta temaene direkte videre til kollegiet.",
        "Vi måtte flytte flere møter på grunn av sykdom og permisjoner, men veileder var fleksibel.",
        "Fungerte fint.",
        "Vi fikk ni møter i alt, noen av dem digitalt. Det var nok for oss.",
        "Møtene var ofte lagt til tidspunkt der vi hadde mye drift, som konsertperioder og opptak. "
        "Det burde vært tatt mer hensyn til kulturskolens årshjul.",
        "Vi gjennomførte seks møter. Flere møter hadde vært bra, men vi hadde ikke hatt kapasitet til det.",
        "Møteplanen var god, men vi klarte ikke selv å holde kontinuiteten mellom møtene.",
        "Etter at vi gikk over til nettmøter, ble møtene kortere og hyppigere. Det passet oss faktisk bedre.",
        "Planen ble revidert flere ganger. Det skapte noe usikkerhet i gruppa om hva som skulle skje når.",
        "Vi savnet et avsluttende møte der hele personalet var med for å oppsummere perioden.",
    ],
    # Utdyp svaret om dialogkonferansene.
    "7u": [
        "Den regionale konferansen var svært nyttig. Vi fikk møte kommuner med lignende "
        "utfordringer og utveksle erfaringer.",
        "Den nasjonale konferansen ble digital på grunn av pandemien og ga oss mindre enn den regionale.",
        "Vi deltok ikke på den nasjonale konferansen. Den regionale ga mye inspirasjon.",
        "Gode foredrag og godt organisert. Gruppearbeidet på tvers av roller var særlig nyttig for ressurslærerne.",
        "Dialogkonferansene var høydepunkter i perioden. Det var inspirerende å se hvor langt "
        "andre hadde kommet, og det ga oss motivasjon.",
        "Noe lite relevant for oss som liten kommune. Mange av eksemplene var hentet fra store "
        "kulturskoler med helt andre ressurser.",
        "Skoleeier fikk mye ut av å møte andre skoleeiere. Det skjer sjelden ellers.",
        "Det var nyttig å presentere vårt eget arbeid for andre. Det tvang oss til å sette ord på hva vi hadde gjort.",
        "Bra.",
        "Konferansene var lange og hadde et tett program. Vi skulle gjerne hatt mer tid til arbeid "
        "i egen kommunegruppe for å planlegge veien videre.",
        "Det digitale formatet på våren fungerte bedre enn forventet, men nettverksbyggingen ble borte.",
        "Vi opplevde at teori og praksis ble koblet godt sammen. Foredragene ga oss begreper vi har brukt i etterkant.",
        "Rollebaserte grupper på tvers av kommuner var en god idé. Ressurslærer fikk snakke med "
        "andre lærere i samme situasjon.",
        "Lang reisevei gjorde at vi bare kunne sende deler av gruppa.",
        "Den regionale konferansen var god, mens den nasjonale hadde for lite å tilføre oss i den fasen vi var i.",
        "Dialogkonferansene ga oss perspektiver vi ikke ville fått i egen kommune. Vi tok med oss "
        "konkrete ideer om breddeprogram og samarbeid med grunnskolen hjem.",
    ],
    # Hvilke verktøy og arbeidsmåter fra veiledningen har dere tatt i bruk?
    "8": [
        "SWOT-analyse og nåsituasjonsanalyse.",
        "Vi bruker aksjonslæringssirkelen når vi planlegger nye tiltak, og evaluerer tiltakene mer "
        "systematisk enn før.",
        "Utviklingsplan med tydelige mål og tiltak, som rulleres hvert år.",
        "Pedagogiske verksteder i personalmøtene, der lærerne deler erfaringer fra egen undervisning.",
        "- SWOT\n- idémyldring i grupper\n- refleksjonsnotat etter møter",
        "Vi har tatt i bruk en fast møtestruktur der vi skiller mellom driftsmøter og "
        "utviklingsmøter. Det har frigjort tid til pedagogiske samtaler.",
        "Arbeidet med lokal læreplan har gitt oss en metode for å jobbe sammen på tvers av fag. "
        "Lærerne jobber nå i faggrupper med felles mål.",
        "Nåsituasjonsanalysen har vi brukt som grunnlag for utviklingsplanen, og vi planlegger å "
        "gjenta den om to år for å se hvor vi har beveget oss.",
        "Ikke så mye ennå. Vi har planer om å bruke verktøyene, men pandemien har satt arbeidet på vent.",
        "Individuelt – gruppe – plenum er blitt en fast arbeidsform i personalmøtene. Alle får "
        "sagt noe, og diskusjonene blir bedre.",
        "Rammeplanen som utgangspunkt for alle planer. Vi har organisert tilbudet i kjerneprogram, "
        "breddeprogram og fordypningsprogram.",
        "Vi har tatt i bruk kollegaveiledning og hospitering mellom lærere. Det er nytt for oss og "
        "har blitt godt mottatt.",
        "Årshjul for utviklingsarbeidet, med faste punkter for evaluering og rapportering til skoleeier.",
        "Vi har brukt dialogkonferansen som modell for et eget møte med foreldre og samarbeidspartnere.",
        "Refleksjonsspørsmål fra veileder bruker vi fortsatt i ledermøter.",
        "Vi har laget en tiltaksplan basert på prioriteringene fra SWOT-analysen. Den følges opp i "
        "hvert kommunegruppemøte.",
        "Vi har fått et bevisst forhold til forskjellen mellom drift og utvikling, og prøver å "
        "sette av egen tid til utvikling i møteplanen.",
        "Lite nytt, men vi har fått bedre struktur på det vi allerede gjorde.",
        "Elevsamtaler og vurdering for læring, som vi har begynt å prøve ut i noen fag.",
        "Arbeid i team med tydelige ansvarsområder, der ressurslærerne leder hver sin gruppe.",
        "Vi har tatt i bruk en enkel mal for planlegging og evaluering av prosjekter, slik at vi "
        "lettere ser om vi har nådd målene.",
        "Prosessverktøyene fra veiledningen har vi brukt i arbeidet med ny kulturplan i kommunen, "
        "ikke bare i kulturskolen.",
        "- nåsituasjonsanalyse\n- utviklingsplan\n- felles planleggingsdager",
        "Brukerundersøkelse blant elever og foreldre, som vi gjennomførte for første gang i fjor.",
        "Fokusgrupper med lærere har vi brukt for å få innspill til nye tilbud. Det har gitt "
        "lærerne større innflytelse.",
        "Vi bruker rammeplanen aktivt i dialog med skoleeier, blant annet som grunnlag for budsjettinnspill.",
        "Vi har innført faste utviklingsmøter for hele personalet hver måned. Der jobber vi videre "
        "med tiltakene i utviklingsplanen.",
        "Det er særlig refleksjon over egen praksis vi har tatt med oss. Lærerne er blitt mer vant "
        "til å snakke om undervisning og ikke bare om logistikk.",
        "Vi har brukt pedagogiske verksteder til å utvikle nye gruppetilbud i breddeprogrammet. "
        "Lærerne har prøvd ut ulike modeller og delt erfaringer.\nDette har gjort at vi kan gi "
        "tilbud til langt flere elever enn før.",
        "Veiledningen har gitt oss en verktøykasse vi kan bruke i nye prosesser. Det viktigste er "
        "kanskje vanen med å analysere før vi bestemmer oss.",
    ],
}

EXPECTED_COUNTS = {"1u": 18, "2u": 30, "3u": 32, "4": 38, "5u": 28, "6u": 14, "7u": 16, "8": 30}

assert set(ANSWERS) == set(EXPECTED_COUNTS)
for _code, _n in EXPECTED_COUNTS.items():
    assert len(ANSWERS[_code]) == _n, (_code, len(ANSWERS[_code]), _n)
_all = [a for answers in ANSWERS.values() for a in answers]
assert len(_all) == 206, len(_all)
assert len(set(_all)) == len(_all), "answers must be distinct"
assert all(a == a.strip() and a for a in _all)
