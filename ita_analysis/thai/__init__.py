"""Thai text handling: normalising (:mod:`.normalize`), digits and years (:mod:`.numbers`), line
wrapping and the one rule for how wide Thai text is (:mod:`.wrap`)."""
