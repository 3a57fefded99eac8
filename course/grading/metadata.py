"""nbgrader's CheckCellMetadata, with its JSON schema checked and compiled once per worker.

nbgrader validates every cell's grading metadata with ``jsonschema.validate``,
which checks the schema itself and builds a new validator on each call: about
0.15 s per notebook, all of it repeated work. The checks here are nbgrader's own
(schema version, the schema, then MetadataValidatorV3's rules); only the schema's
compiled validator is kept, so the same notebooks pass and fail.
"""
from __future__ import annotations

from functools import cache

import jsonschema
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import CheckCellMetadata


class _CompiledSchema(BaseMetadataValidator):
    """BaseMetadataValidator.validate_cell, with jsonschema.validate's steps split: compile once, check often."""

    def __init__(self) -> None:
        super().__init__()
        kind = jsonschema.validators.validator_for(self.schema)
        kind.check_schema(self.schema)
        self._validator = kind(self.schema)

    def validate_cell(self, cell) -> None:
        if "nbgrader" not in cell.metadata:
            return
        version = cell.metadata["nbgrader"].get("schema_version", 0)
        if version != self.schema_version:  # nbgrader's SchemaTooOld/TooNew errors, from its own method
            return super().validate_cell(cell)
        error = jsonschema.exceptions.best_match(self._validator.iter_errors(cell.metadata["nbgrader"]))
        if error is not None:
            raise error


class ReusableValidator(MetadataValidator, _CompiledSchema):
    """nbgrader's MetadataValidator (v3 rules first, then the compiled schema, as its super() call goes)."""


@cache
def reusable_validator() -> ReusableValidator:
    return ReusableValidator()


class CheckCellMetadataOnce(CheckCellMetadata):
    """CheckCellMetadata with the worker's one validator; the same errors, logged the same way."""

    def preprocess(self, nb, resources):
        try:
            reusable_validator().validate_nb(nb)
        except ValidationError:
            self.log.error("Notebook failed to validate; the nbgrader metadata may be corrupted.")
            raise ValidationError("Notebook failed to validate; the nbgrader metadata may be corrupted.") from None
        return nb, resources
