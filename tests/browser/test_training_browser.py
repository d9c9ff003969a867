"""The self-study quiz in the browser: feedback with the reason and the page, a running score, and
no request or storage of any kind (the page fixture already fails on a request outside the site)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from browser.conftest import storage


def test_quiz_checks_answers_in_the_page_and_keeps_nothing(page: Page, server: str) -> None:
    requests: list[str] = []
    page.goto(f"{server}/es/training/identification-referral/quiz.html")
    page.wait_for_load_state("networkidle")  # the page's own assets (search, icons) have loaded
    page.on("request", lambda request: requests.append(request.url))
    questions = page.locator("fieldset[data-answer]")
    assert questions.count() >= 40
    first, second = questions.nth(0), questions.nth(1)
    right = first.get_attribute("data-answer")
    first.locator(f'input[value="{right}"]').check()
    first.locator("[data-ctkb-check]").click()
    expect(first.locator("[data-ctkb-verdict]")).to_have_text("Correcto.")
    link = first.locator("[data-ctkb-feedback] a")
    expect(link).to_be_visible()
    assert (link.text_content() or "").startswith("Lea: ")
    answer = second.get_attribute("data-answer")
    wrong = next(value for value in "abcd" if value != answer and second.locator(f'input[value="{value}"]').count())
    second.locator(f'input[value="{wrong}"]').check()
    second.locator("[data-ctkb-check]").click()
    expect(second.locator("[data-ctkb-verdict]")).to_contain_text("No exactamente. La respuesta es:")
    expect(page.locator("[data-ctkb-quiz-score]")).to_have_text(
        f"1 correctas de 2 revisadas ({questions.count()} preguntas)"
    )
    # an unanswered question asks for an answer first
    third = questions.nth(2)
    third.locator("[data-ctkb-check]").click()
    expect(third.locator("[data-ctkb-verdict]")).to_have_text("Elija primero una respuesta.")
    assert requests == []  # checking answers asks nothing of any server
    assert storage(page) == {"local": 0, "session": 0, "cookie": "", "databases": 0, "caches": 0}
    # leaving and coming back shows a clean quiz
    page.goto(f"{server}/es/training/identification-referral/index.html")
    page.go_back()
    expect(page.locator("[data-ctkb-quiz-score]")).to_have_text("")
    assert page.locator("fieldset[data-answer] input:checked").count() == 0
