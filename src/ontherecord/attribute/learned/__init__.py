"""The learned attribution stage, for inference only.

``tagger`` (encoder + head, windowing, loading a model directory) → ``decoding`` (tags to spans,
argmax or Viterbi) → ``linking`` (spans to statements around cues) → ``stage`` (the registered
``ontherecord.attribution_model.v1``/``v2``).  None of these imports gold-corpus code; training and
the model card are in :mod:`ontherecord.training`.
"""
