"""The annotation core: plain Python, no web framework. `annotator.Annotator` is its entry point.

One sub-package per layer; a layer imports only from layers below it (tests/test_layering.py):

    types, offsets, numbers, names, ordering   shared values and helpers, importing no layer
    model        the spaCy pipeline: loading, the compiled attribute ruler, tokenizer masking
    article      the text: boilerplate, metadata, dates, HTML extraction
    gazetteer    the offline place index, its name normalisation and its build
    mentions     named-entity mentions with the model's label errors corrected
    actors       people and organizations        places   locations resolved to the gazetteer
    casualties   casualty figures                quotes   quotes and their speakers
    salience     how central each actor and location is
    annotator    one parse per text, then each requested layer
    stories      several articles' results merged into one story with a claims ledger

Every offset in the core is a code-point index into the original text; `offsets` converts them
to the unit a client asks for, at the edge.
"""
