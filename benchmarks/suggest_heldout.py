"""A second set of answers for judging the code suggestions, written apart from
benchmarks/suggest_data.py: the same six themes said in other words, in other sentences (whole
clauses, Bokmål and some Nynorsk), with other openers, joins and closers. A coder who coded the
answers of suggest_data.py is asked about these; the only thing the two share is the themes and
whatever words Norwegian offers for them. No database: (texts, labels) lists."""

import random

PHRASES = {
    "Tid": [
        "kalenderen var full fra før", "vi måtte presse inn samlingene mellom alt det andre",
        "det var vanskelig å finne tidspunkt som passet alle", "møtene ble korte og stressende",
        "lærerne hadde ikke rom i arbeidsplanen", "dagene var altfor travle", "fristene kom tett",
        "vi fikk ikke satt av nok timer", "det var mange oppgaver på kort tid", "tidsplanen sprakk",
        "det var ikkje tid til å følgje opp mellom samlingane", "kvardagen var for travel",
        "me fekk ikkje nok timar til arbeidet", "tid var en mangelvare", "perioden var hektisk",
    ],
    "Forankring": [
        "skoleledelsen prioriterte prosjektet", "rektoren vår deltok på alle møtene",
        "lederne på alle nivå sto bak satsingen", "kommunens ledelse var tydelig på hvorfor vi gjorde dette",
        "det manglet oppfølging fra ledernivået", "satsingen var ikke godt nok forankret",
        "administrasjonen i kommunen var pådriver", "ledelsen sa ja, men fulgte ikke opp",
        "skoleeieren viste interesse og satte av ressurser", "leiarane stod bak arbeidet",
        "rektor prioriterte satsinga", "skuleeigar var lite involvert",
        "oppvekstsjefen var en tydelig støttespiller", "rektorene eide prosessen",
    ],
    "Samarbeid": [
        "vi jobbet sammen på tvers av trinnene", "kontakten med de andre skolene var verdifull",
        "det var fint å møte kolleger fra andre kommuner", "lærerne lærte av hverandre",
        "teamarbeidet ble bedre", "vi fikk et felles språk i personalet",
        "samspillet mellom barnehage og skole ble styrket", "de regionale nettverkssamlingene var gode",
        "me jobba saman i team", "samarbeidet mellom skulane vart betre",
        "kollegaane delte opplegg med kvarandre", "partnerskapet med universitetet",
        "vi støttet hverandre i kollegiet",
    ],
    "Kompetanse": [
        "veiledningen ga oss ny innsikt", "foredragene holdt høyt faglig nivå",
        "lærerne ble tryggere i undervisningen", "vi fikk bedre forståelse av regelverket",
        "personalet har utviklet sin praksis", "vi har fått verktøy vi bruker i klasserommet",
        "innholdet var relevant for jobben vår", "videreutdanning på masternivå",
        "lærarane vart tryggare fagleg", "me fekk ny innsikt i korleis elevane lærer",
        "kursa gav oss mykje kunnskap", "læringsutbyttet var stort", "vi ble dyktigere",
    ],
    "Økonomi": [
        "det kostet mye å sende folk på samlinger", "vi fikk ikke dekket reiseutgiftene",
        "kommunen har dårlig råd", "statlige tilskudd gjorde det mulig",
        "uten ekstra bevilgning hadde det ikke gått", "vikarkostnadene var en stor belastning",
        "det ble for dyrt for en liten kommune", "honoraret til foreleserne spiste opp budsjettet",
        "kommunen har ikkje råd til meir", "det kosta for mykje", "me fekk tilskot frå staten",
        "økonomisk sett var det krevende", "vi måtte spare på alt",
    ],
    "Digitale verktøy": [
        "vi møttes på zoom", "det digitale opplegget var enkelt å bruke",
        "nettet falt ut under samlingene", "opptakene kunne ses i etterkant", "mye foregikk via skjerm",
        "de nettbaserte modulene var fleksible", "teknikken sviktet ofte", "padlet og teams ble brukt mye",
        "me møttest digitalt", "det digitale fungerte godt", "nettmøta var effektive",
        "webinarene sparte oss for reising", "vi brukte nettbrett og apper",
    ],
}
WEIGHTS = {"Tid": 19, "Forankring": 17, "Samarbeid": 18, "Kompetanse": 17, "Økonomi": 14,
           "Digitale verktøy": 15}
OPENERS = ["", "", "Etter vår vurdering", "Sett fra skolen:", "For min del", "Totalt sett",
           "Det viktigste var at", "Eit inntrykk er at", "Det som slo meg, var at", "Personlig mener jeg at"]
JOINS = ["Dessuten", "I tillegg", "Samtidig", "Men", "Og", "Elles"]
CLOSERS = ["Ellers fornøyd.", "Håper på videreføring.", "Takk for et godt tilbud!", "Dette bør evalueres.",
           "Meir av dette, takk.", "", "", ""]


def make_heldout(n=200, seed=7, second_theme=0.3):
    """(texts, labels): n answers worded as no answer of suggest_data.py is, each with the set of
    theme names it is about."""
    rng = random.Random(seed)
    names = list(PHRASES)
    weights = [WEIGHTS[t] for t in names]
    texts, labels = [], []
    for _ in range(n):
        themes = [rng.choices(names, weights)[0]]
        if rng.random() < second_theme:
            other = rng.choices(names, weights)[0]
            if other not in themes:
                themes.append(other)
        opener = rng.choice(OPENERS)
        sentences = []
        for i, theme in enumerate(themes):
            clause = rng.choice(PHRASES[theme])
            if i:
                clause = f"{rng.choice(JOINS)} {clause}"
            elif opener:
                clause = f"{opener} {clause}"
            sentences.append(clause[0].upper() + clause[1:] + ".")
        sentences.append(rng.choice(CLOSERS))
        texts.append(" ".join(s for s in sentences if s))
        labels.append(set(themes))
    return texts, labels
