"""The next round of a survey ("Ny undersøkelse basert på …"): a new, empty survey with the
earlier round's codebook, categories (findings cleared), themes, placements and its
question-to-category links, which wait (coding.CarriedLink) until the new round's file is
imported and then link its graded questions matched by code or text."""
