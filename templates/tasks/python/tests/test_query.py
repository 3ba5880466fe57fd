import pytest

from conftest import Api, SignedUp

TASKS = [
    {
        "title": "alpha",
        "status": "todo",
        "priority": "low",
        "due_date": "2026-01-10",
        "labels": ["work"],
    },
    {
        "title": "Bravo",
        "status": "doing",
        "priority": "high",
        "due_date": "2026-03-01",
        "labels": ["home"],
    },
    {
        "title": "charlie",
        "status": "done",
        "priority": "medium",
        "labels": ["work", "home"],
        "description": "Find 50%_off",
    },
    {"title": "delta", "status": "todo", "priority": "high", "due_date": "2026-02-01"},
    {"title": "echo", "status": "todo", "priority": "medium"},
]


@pytest.fixture
def user(api: Api) -> SignedUp:
    user = api.sign_up()
    for task in TASKS:
        assert api.client.post("/api/tasks", json=task, headers=user.auth).status_code == 201
        api.clock.advance(1)  # distinct created_at
    # Someone else's task never shows.
    other = api.sign_up()
    api.client.post("/api/tasks", json={"title": "alpha other"}, headers=other.auth)
    return user


def titles(api: Api, user: SignedUp, qs: str) -> list[str]:
    res = api.client.get(f"/api/tasks?{qs}", headers=user.auth)
    assert res.status_code == 200, res.text
    return [t["title"] for t in res.json["data"]]


def test_default_newest_first_everything(api: Api, user: SignedUp) -> None:
    assert titles(api, user, "") == ["echo", "delta", "charlie", "Bravo", "alpha"]
    assert api.client.get("/api/tasks", headers=user.auth).json["total"] == 5


@pytest.mark.parametrize(
    ("qs", "want"),
    [
        ("status=todo&priority=high", ["delta"]),
        ("label=work&sort=title", ["alpha", "charlie"]),
        ("due_before=2026-02-01&sort=due_date", ["alpha"]),
        ("due_after=2026-01-10&sort=due_date", ["delta", "Bravo"]),
        ("status=&priority=", ["echo", "delta", "charlie", "Bravo", "alpha"]),  # empty: not given
    ],
)
def test_filters_combine_with_and(api: Api, user: SignedUp, qs: str, want: list[str]) -> None:
    assert titles(api, user, qs) == want


@pytest.mark.parametrize(
    ("qs", "want"),
    [
        ("q=BRAV", ["Bravo"]),
        ("q=50%25_", ["charlie"]),
        ("q=%25", ["charlie"]),
        ("q=_", ["charlie"]),
    ],
)
def test_q_searches_title_and_description_case_insensitively_and_literally(
    api: Api, user: SignedUp, qs: str, want: list[str]
) -> None:
    assert titles(api, user, qs) == want


@pytest.mark.parametrize(
    ("sort", "want"),
    [
        ("title", ["alpha", "Bravo", "charlie", "delta", "echo"]),
        ("-priority", ["delta", "Bravo", "echo", "charlie", "alpha"]),
        ("due_date", ["alpha", "delta", "Bravo", "charlie", "echo"]),
        ("-due_date", ["Bravo", "delta", "alpha", "echo", "charlie"]),
        ("created_at", ["alpha", "Bravo", "charlie", "delta", "echo"]),
    ],
)
def test_sorting(api: Api, user: SignedUp, sort: str, want: list[str]) -> None:
    assert titles(api, user, f"sort={sort}") == want


def test_pagination(api: Api, user: SignedUp) -> None:
    res = api.client.get("/api/tasks?sort=title&page=2&limit=2", headers=user.auth).json
    assert [t["title"] for t in res["data"]] == ["charlie", "delta"]
    assert (res["page"], res["limit"], res["total"]) == (2, 2, 5)
    past = api.client.get("/api/tasks?page=9&limit=2", headers=user.auth).json
    assert past["data"] == []
    assert past["total"] == 5


def test_the_last_page_there_may_be_answers_even_if_empty(api: Api, user: SignedUp) -> None:
    res = api.client.get("/api/tasks?page=100000&limit=100", headers=user.auth).json
    assert res["data"] == []
    assert res["page"] == 100000
    assert res["total"] == 5


@pytest.mark.parametrize(
    ("qs", "field"),
    [
        ("status=later", "status"),
        ("priority=urgent", "priority"),
        ("sort=owner_id", "sort"),
        ("page=0", "page"),
        ("page=-1", "page"),
        # (page-1)*limit must stay small, never a huge or negative OFFSET.
        ("page=9223372036854775807", "page"),
        ("page=9007199254740991", "page"),
        ("page=100001", "page"),
        ("page=1e3", "page"),
        ("page=%D9%A3", "page"),  # an Arabic-Indic digit: int() would read it
        ("limit=101", "limit"),
        ("limit=x", "limit"),
        ("due_before=2026-13-01", "due_before"),
        ("due_after=tomorrow", "due_after"),
    ],
)
def test_invalid_parameters_are_422_naming_them(
    api: Api, user: SignedUp, qs: str, field: str
) -> None:
    res = api.client.get(f"/api/tasks?{qs}", headers=user.auth)
    assert res.status_code == 422
    assert isinstance(res.json["fields"][field], str)
