"""The broken versions of the API, by name, each breaking one promise."""

VARIANTS = {
    "created-200": {"created_200"},  # POST answers 200
    "no-location": {"no_location"},  # POST sends no Location
    "empty-name-ok": {"empty_name_ok"},  # an empty name is created
    "bad-json-500": {"bad_json_500"},  # a body that is not JSON is 500
    "delete-body": {"delete_body"},  # DELETE answers 200 with a body
    "delete-keeps": {"delete_keeps"},  # DELETE answers 204 but keeps the item
    "text-plain": {"text_plain"},  # JSON sent as text/plain
}


def bugs_of(name):
    """The variant name's bugs; none for "" (the real API)."""
    return VARIANTS.get(name, set())
