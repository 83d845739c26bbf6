"""The review of minutes against Kommunallagen (protokollsgranskning): rules over the records, each one
small unit with its legal source (`rules/`), run per meeting by `engine.review`, each finding with the
facts that triggered it and the source lines."""
