"""ctkb: the Counter-Trafficking Knowledge Base, built from validated YAML with MkDocs."""

from ctkb.catalog import Catalog, load_catalog
from ctkb.errors import DataError, DataInvalidError, ErrorList
from ctkb.project import Project

__all__ = ["Catalog", "DataError", "DataInvalidError", "ErrorList", "Project", "load_catalog"]
