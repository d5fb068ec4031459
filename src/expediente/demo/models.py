from django.db import models


class DemoRun(models.Model):
    """Remembers the anchor date of a demo seed, so running the generator again with the
    same seed continues the same caseload instead of starting another one."""

    seed = models.BigIntegerField(unique=True)
    anchor = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # docket.rebuild.code_stamp() of the code that last built the projections
    built_with = models.CharField(max_length=64, blank=True, default="")

    def __str__(self) -> str:
        return f"demo seed {self.seed} up to {self.anchor:%Y-%m-%d}"
