"""Recovery: the recovery code and a new passphrase open the notes again; a new code
replaces the old one."""

import reflex as rx

from peersupport.components.forms import action_button, labelled_field, secret_field, status_lines
from peersupport.components.secure_forms import secure_forms
from peersupport.components.strength import strength_meter
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame
from peersupport.pages.signup import pseudonym_field, recovery_panel
from peersupport.state.account import AccountState as S

ROUTE = "/herstellen"


def recover_page() -> rx.Component:
    return page_frame(
        secure_forms(),
        rx.el.div(
            rx.el.p(t("account.recover.intro"), class_name="lead"),
            pseudonym_field(),
            labelled_field(
                "ps-recovery-input",
                "account.recover.code",
                rx.el.input(
                    id="ps-recovery-input",
                    type="text",
                    auto_complete="off",
                    auto_capitalize="characters",
                    spell_check=False,
                    custom_attrs={"autocorrect": "off"},
                    class_name="field__input field__input--code",
                ),
            ),
            secret_field("ps-new-passphrase", "account.passphrase_new", "new-password"),
            strength_meter("ps-new-passphrase"),
            secret_field("ps-new-passphrase-repeat", "account.passphrase_repeat", "new-password"),
            action_button("account.recover.submit", S.start_recovery, S.busy),
            hidden=S.recovery_shown,
        ),
        recovery_panel(),
        status_lines(S.error, S.notice, S.busy, proving=S.proving, tries_left=S.tries_left),
        title_key="account.recover.title",
        current=ROUTE,
        back_to="/inloggen",
    )
