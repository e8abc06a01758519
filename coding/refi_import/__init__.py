"""REFI-QDA import: a `.qdc` codebook into a survey, a `.qdpx` project into a new survey.

The direction of exchange that reads files from elsewhere, so every byte is untrusted:
- `safety`: the only way bytes from an upload become XML or zip entries (defusedxml, zip checks).
- `reading`: parses a codebook or project into plain data (no database).
- `importing`: the entry points (preview/import a codebook, import a project): one transaction, an
  audit row and an ImportRun; `codes` plans and saves codes and sets, `project_import` the rest.
- `wording`: what the screens and the summary say; `views`, `forms`, `tasks` (large projects).

The vocabulary of the format and the conventions of our own exports it reads back are in
`coding.refi`, which this package builds on (never the other way round).
"""
