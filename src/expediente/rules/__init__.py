"""Rule packs: a jurisdiction's procedure as data (stages, event types, deadlines, offences)."""
