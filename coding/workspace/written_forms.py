"""Search in both written Norwegians: a query in Bokmål also finds Nynorsk word forms and the
other way round ("skole" finds "skulen", "undersøkelse" finds "undersøkinga", "ikkje" finds
"ikke"). PostgreSQL's `norwegian` stemmer knows Bokmål endings only, so each query word is
widened with its other written form before stemming; nothing changes in the stored index.

`variants(word)` is pure; `search_query(q, config)` builds the SearchQuery the answer list uses.
"""

import re

# Common words in survey answers whose stems differ between Bokmål and Nynorsk, as prefixes:
# a word that starts with one gets the other with the same ending ("skolene" → "skulene").
PAIRS = [
    ("skole", "skule"), ("lærer", "lærar"), ("ikke", "ikkje"),
    ("jeg", "eg"), ("hva", "kva"), ("hvordan", "korleis"), ("hvorfor", "kvifor"), ("noe", "noko"),
    ("mye", "mykje"), ("også", "òg"), ("bare", "berre"), ("veiledning", "rettleiing"),
    ("veileder", "rettleiar"), ("leder", "leiar"), ("ledelse", "leiing"), ("ansatt", "tilsett"),
    ("tjeneste", "teneste"), ("mulighet", "moglegheit"),
    ("bedre", "betre"), ("gjøre", "gjere"), ("være", "vere"), ("ønske", "ønskje"),
    ("fremdeles", "framleis"), ("uke", "veke"), ("måned", "månad"), ("sammen", "saman"),
    ("annen", "annan"), ("egen", "eigen"), ("hver", "kvar"), ("fikk", "fekk"),
    ("følge", "følgje"), ("spørre", "spørje"), ("mener", "meiner"),
    ("tenke", "tenkje"), ("vanskelig", "vanskeleg"), ("tydelig", "tydeleg"),
]
# Endings that differ regularly: (Bokmål, Nynorsk).
ENDINGS = [("elsen", "inga"), ("else", "ing"), ("heten", "heita"), ("het", "heit"), ("lige", "lege"),
           ("lig", "leg"), ("ene", "ane"), ("ere", "arar")]
WORD = re.compile(r"[\wæøåÆØÅ]+")
OPERATORS = re.compile(r'["()]|(^|\s)-|\s(or|OR)\s')


def variants(word):
    """The word and its other written forms, lowercased, the word itself first."""
    low = word.lower()
    out = [low]
    for bokmal, nynorsk in PAIRS:
        for this, other in ((bokmal, nynorsk), (nynorsk, bokmal)):
            if this != other and low.startswith(this):
                out.append(other + low[len(this):])
    for bokmal, nynorsk in ENDINGS:
        for this, other in ((bokmal, nynorsk), (nynorsk, bokmal)):
            if len(low) > len(this) + 2 and low.endswith(this):
                out.append(low[: -len(this)] + other)
                break
    return list(dict.fromkeys(out))


def search_query(q, config):
    """Every word must match, in either written form. A query with search operators (quotes,
    "-word", "or") is taken as written, as PostgreSQL's web search syntax reads it."""
    from django.contrib.postgres.search import SearchQuery

    words = WORD.findall(q)
    if not words or OPERATORS.search(q):
        return SearchQuery(q, config=config, search_type="websearch")
    combined = None
    for word in words:
        either = None
        for form in variants(word):
            part = SearchQuery(form, config=config, search_type="plain")
            either = part if either is None else either | part
        combined = either if combined is None else combined & either
    return combined
