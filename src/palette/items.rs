//! What the palette offers a person: the screens their tabs show, the actions their role allows,
//! the other languages; and, as they type, the people and spaces the server finds.

use contract::{FoundSpace, FoundUser, Lang, Me, Permission};

use super::text::t;
use crate::commands::Command;
use crate::i18n::{fill, lang};
use crate::screens::SCREENS;

#[derive(Clone, Debug, PartialEq)]
pub enum Run {
    /// Go to this address.
    Go(String),
    /// Go to the address, where the screen does the command.
    Command(Command, &'static str),
    SignOut,
    Language(Lang),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    GoTo,
    Actions,
    People,
    Spaces,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::GoTo, Group::Actions, Group::People, Group::Spaces];

    pub fn label(self) -> &'static str {
        match self {
            Group::GoTo => t().go_to_group,
            Group::Actions => t().actions_group,
            Group::People => t().people_group,
            Group::Spaces => t().spaces_group,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub group: Group,
    pub label: String,
    /// Said after the label, lighter (a person's address).
    pub detail: Option<String>,
    pub run: Run,
}

fn item(group: Group, label: String, run: Run) -> Item {
    Item {
        group,
        label,
        detail: None,
        run,
    }
}

/// Everything the person may do from the palette, before any search.
pub fn offered(me: &Me) -> Vec<Item> {
    let mut items = Vec::new();
    let may = |p: Permission| me.may(p);
    // The shell's words for what its user menu offers too.
    let shell = crate::shell::text::t();
    if let Some(org) = me.org.as_ref().filter(|_| !me.must_set_up_two_factor) {
        for screen in SCREENS {
            if let Some(tab) = screen.tab.filter(|tab| (tab.shown)(org)) {
                items.push(item(
                    Group::GoTo,
                    fill(t().go_to, &[&(tab.label)()]),
                    Run::Go(screen.href()),
                ));
            }
        }
    }
    items.push(item(
        Group::GoTo,
        fill(t().go_to, &[&shell.account]),
        Run::Go("/account".into()),
    ));
    if may(Permission::InviteUsers) {
        items.push(item(
            Group::Actions,
            t().add_user.into(),
            Run::Command(Command::AddUser, "/users"),
        ));
        items.push(item(
            Group::Actions,
            t().invite.into(),
            Run::Command(Command::Invite, "/users"),
        ));
    }
    if may(Permission::OpenOrgArea) && me.org.as_ref().is_some_and(|o| o.can_add_spaces) {
        items.push(item(
            Group::Actions,
            t().add_space.into(),
            Run::Command(Command::AddSpace, "/"),
        ));
    }
    if may(Permission::SeeMembers) {
        items.push(item(
            Group::Actions,
            t().export_users.into(),
            Run::Command(Command::ExportUsers, "/users"),
        ));
    }
    items.push(item(Group::Actions, shell.sign_out.into(), Run::SignOut));
    for other in Lang::ALL.into_iter().filter(|l| *l != lang()) {
        items.push(item(
            Group::Actions,
            fill(t().switch_language, &[&other.own_name()]),
            Run::Language(other),
        ));
    }
    items
}

/// Whether every word typed is in the label (in any case and order).
pub fn matches(label: &str, typed: &str) -> bool {
    let label = label.to_lowercase();
    typed.to_lowercase().split_whitespace().all(|word| label.contains(word))
}

pub fn person(found: FoundUser) -> Item {
    Item {
        group: Group::People,
        detail: Some(found.email.clone()),
        label: found.name,
        run: Run::Go(format!("/users?q={}", crate::widgets::url::encode(&found.email))),
    }
}

pub fn space(found: FoundSpace) -> Item {
    item(Group::Spaces, found.name, Run::Go(format!("/spaces/{}", found.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_typed_must_be_in_the_label_in_any_order_and_case() {
        assert!(matches("Go to Users", "users"));
        assert!(matches("Go to Users", "USERS go"));
        assert!(matches("Export users", ""));
        assert!(!matches("Export users", "import"));
    }
}
