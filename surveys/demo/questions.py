"""The portfolio-2 questionnaire as the demo rebuilds it.

The report prints the wordings of figures 6, 7 and 8 (questions 2, 3 and 5); those are used
verbatim. The rest of the 16 questions are reconstructed from the report's chapters. Each entry:
(code, kind, text, parent code or None, options). Likert items carry the scale 1-6.
"""

LIKERT = "likert"
OPEN = "open"
SINGLE = "single"
MULTIPLE = "multiple"

SCALE_LABELS = {1: "I svært liten grad", 6: "I svært stor grad"}
NOT_TAKEN_PART = "Ikke deltatt"

QUESTIONS = [
    ("1", MULTIPLE, "Hvilke roller var representert i kommunegruppa gjennom veiledningsperioden?", None,
     ["Kulturskoleleder/rektor", "Ressurslærer", "Skoleeier – administrativt nivå",
      "Skoleeier – politisk nivå"]),
    ("1u", OPEN, "Utdyp gjerne hvordan sammensetningen av kommunegruppa fungerte.", "1", None),
    ("2", LIKERT, "I hvilken grad mener dere det er samsvar mellom kommunens forventning til "
     "veiledningsarbeidet og kulturskolerådets gjennomføring av veiledningen?", None, None),
    ("2u", OPEN, "Utdyp svaret om forventninger.", "2", None),
    ("3", LIKERT, "I hvilken grad har veiledningsarbeidet vært forankret i kommunen", None, None),
    ("3a", LIKERT, "I hvilken grad har veiledningsarbeidet vært forankret i kommunen – på eiernivå", "3", None),
    ("3b", LIKERT, "I hvilken grad har veiledningsarbeidet vært forankret i kommunen – på ledernivå", "3", None),
    ("3c", LIKERT, "I hvilken grad har veiledningsarbeidet vært forankret i kommunen – på lærernivå", "3", None),
    ("3u", OPEN, "Utdyp svaret om forankring.", "3", None),
    ("4", OPEN, "Hvilke forventninger hadde kommunen til veiledningen før oppstart?", None, None),
    ("5", LIKERT, "I hvilken grad er dere fornøyd med:", None, None),
    ("5a", LIKERT, "I hvilken grad er dere fornøyd med: – veiledningsmøtene i egen kommune", "5", None),
    ("5b", LIKERT, "I hvilken grad er dere fornøyd med: – samlingene med flere kommuner", "5", None),
    ("5c", LIKERT, "I hvilken grad er dere fornøyd med: – veileders oppfølging mellom møtene", "5", None),
    ("5u", OPEN, "Utdyp svaret om organiseringsformen.", "5", None),
    ("6", SINGLE, "Hvor mange veiledningsmøter gjennomførte kommunegruppa sammen med veileder?", None,
     ["Færre enn 6", "6–8", "9 eller flere"]),
    ("6u", OPEN, "Utdyp gjerne hvordan møteplanen fungerte.", "6", None),
    ("7", LIKERT, "I hvilken grad hadde dere utbytte av dialogkonferansene?", None, None),
    ("7a", LIKERT,
     "I hvilken grad hadde dere utbytte av dialogkonferansene? – regional konferanse høsten 2019", "7", None),
    ("7b", LIKERT,
     "I hvilken grad hadde dere utbytte av dialogkonferansene? – nasjonal konferanse våren 2020", "7", None),
    ("7u", OPEN, "Utdyp svaret om dialogkonferansene.", "7", None),
    ("8", OPEN, "Hvilke verktøy og arbeidsmåter fra veiledningen har dere tatt i bruk?", None, None),
    ("9", MULTIPLE, "Hvilke områder i rammeplanen har dere arbeidet med i veiledningsperioden?", None,
     ["Kulturskoletilbudet (kjerne-, bredde- og fordypningsprogram)", "Lokal læreplan",
      "Samarbeid med grunnskolen", "Kvalitetsarbeid og vurdering", "Kulturskolens rolle i lokalsamfunnet"]),
    ("9u", OPEN, "Utdyp gjerne arbeidet med rammeplanen.", "9", None),
    ("10", OPEN, "Hvordan påvirket koronasituasjonen veiledningsarbeidet i kommunen?", None, None),
    ("11", LIKERT, "I hvilken grad har veiledningen ført til nye arbeidsmåter i kollegiet?", None, None),
    ("11u", OPEN, "Utdyp svaret om arbeidsmåter i kollegiet.", "11", None),
    ("12", LIKERT, "I hvilken grad har kommunen fått kompetanse til å videreføre utviklingsarbeidet "
     "etter veiledningsperioden?", None, None),
    ("12u", OPEN, "Utdyp svaret om kompetanse til videre utviklingsarbeid.", "12", None),
    ("13", OPEN, "Hva har vært de viktigste resultatene av veiledningen for kommunen?", None, None),
    ("14", OPEN, "Hva har vært de største utfordringene underveis i veiledningsperioden?", None, None),
    ("15", OPEN, "Hvordan vil dere holde utviklingsarbeidet i gang etter veiledningsperioden?", None, None),
    ("16", OPEN, "Har dere andre kommentarer eller innspill til veiledningsordningen?", None, None),
]

# How many of the 43 response units answered each open question (sums to 380).
TEXT_ANSWER_COUNTS = {
    "1u": 18, "2u": 30, "3u": 32, "4": 38, "5u": 28, "6u": 14, "7u": 16, "8": 30,
    "9u": 12, "10": 26, "11u": 22, "12u": 24, "13": 36, "14": 28, "15": 18, "16": 8,
}
assert sum(TEXT_ANSWER_COUNTS.values()) == 380
