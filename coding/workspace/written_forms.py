"""Search in both written Norwegians: a query in Bokmål also finds Nynorsk word forms and the
other way round ("skole" finds "skulen", "undersøkelse" finds "undersøkinga", "rettleiing" finds
"veiledning"). PostgreSQL's `norwegian` stemmer knows Bokmål endings only, so each query word is
widened with its other written form before stemming; nothing changes in the stored index.

`variants(word)` is pure; `search_query(q, config)` builds the SearchQuery the answer list uses on
PostgreSQL from the parse both databases share (coding/workspace/search.py).
"""


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
    """The PostgreSQL SearchQuery of a search as typed, from the one parse both databases share
    (coding/workspace/search.py): each word in any of its written forms (plain queries, so
    PostgreSQL stems them as it stemmed the answers), "or" within a word's group, `-word` negated.
    A query of stop words only matches nothing, as on SQLite."""
    from django.contrib.postgres.search import SearchQuery

    from coding.workspace.search import parse

    def either(term):
        combined = None
        for form in term.forms:
            part = SearchQuery(form, config=config, search_type="plain")
            combined = part if combined is None else combined | part
        return combined

    def neither(term):  # not (a or b): not a and not b
        combined = None
        for form in term.forms:
            part = ~SearchQuery(form, config=config, search_type="plain")
            combined = part if combined is None else combined & part
        return combined

    parsed = parse(q)
    combined = None
    for term in parsed.wanted:
        combined = either(term) if combined is None else combined & either(term)
    for term in parsed.unwanted:
        combined = neither(term) if combined is None else combined & neither(term)
    return combined if combined is not None else SearchQuery("", config=config, search_type="plain")
