//! Organization roles and what each may do (docs/permissions.md), as pure functions.
//!
//! The server calls these before every change; the app calls the same functions to hide what a
//! role cannot do. The server is the guard, the app only mirrors it.

use crate::text::names;
use crate::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A user's role in an organization. Independent of the collaborator roles inside a space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum OrgRole {
    /// Deprecated, but still in use: the only role that may manage the subscription or ownership.
    Owner,
    Admin,
    /// Customers and external members: no access to the organization area.
    Member,
}

impl OrgRole {
    pub const ALL: [OrgRole; 3] = [OrgRole::Owner, OrgRole::Admin, OrgRole::Member];

    pub fn as_str(self) -> &'static str {
        match self {
            OrgRole::Owner => "owner",
            OrgRole::Admin => "admin",
            OrgRole::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<OrgRole> {
        OrgRole::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        self.label_in(Lang::En)
    }

    /// The name shown to people of `lang`.
    pub fn label_in(self, lang: Lang) -> &'static str {
        let texts = names(lang);
        match self {
            OrgRole::Owner => texts.owner,
            OrgRole::Admin => texts.admin,
            OrgRole::Member => texts.member,
        }
    }

    /// The Owner role is kept for existing organizations but marked deprecated wherever shown.
    pub fn is_deprecated(self) -> bool {
        self == OrgRole::Owner
    }

    /// The name where no badge fits beside it (the options of a list box): the deprecation
    /// said in words.
    pub fn choice_label_in(self, lang: Lang) -> &'static str {
        match self {
            OrgRole::Owner => names(lang).owner_deprecated,
            other => other.label_in(lang),
        }
    }

    /// Owners and admins run the organization; an organization must always keep one.
    pub fn is_manager(self) -> bool {
        matches!(self, OrgRole::Owner | OrgRole::Admin)
    }
}

impl fmt::Display for OrgRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The actions of the permission table that depend on the actor's role alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Dashboard, users and settings screens.
    OpenOrgArea,
    /// Receive the list of the organization's other members.
    SeeMembers,
    /// Add a space from one's personal account, or detach one.
    ManageSpaces,
    /// Invite or add users; resend or revoke invitations.
    InviteUsers,
    /// Subscription, invoices, billing and payment information.
    ManageSubscription,
    /// Name, white-labeling, security and access.
    ManageSettings,
    /// Add organization users to a connected space as collaborators.
    ManageCollaborators,
    /// Limit the regions the organization's spaces may be in.
    ChooseRegions,
}

impl Permission {
    pub const ALL: [Permission; 8] = [
        Permission::OpenOrgArea,
        Permission::SeeMembers,
        Permission::ManageSpaces,
        Permission::InviteUsers,
        Permission::ManageSubscription,
        Permission::ManageSettings,
        Permission::ManageCollaborators,
        Permission::ChooseRegions,
    ];
}

/// Whether `role` may perform `permission`.
pub fn allows(role: OrgRole, permission: Permission) -> bool {
    match role {
        OrgRole::Owner => true,
        OrgRole::Admin => !matches!(permission, Permission::ManageSubscription | Permission::ChooseRegions),
        OrgRole::Member => false,
    }
}

/// Which roles `actor` may hand out when inviting or changing a role.
pub fn assignable_roles(actor: OrgRole) -> &'static [OrgRole] {
    match actor {
        OrgRole::Owner => &[OrgRole::Owner, OrgRole::Admin, OrgRole::Member],
        OrgRole::Admin => &[OrgRole::Admin, OrgRole::Member],
        OrgRole::Member => &[],
    }
}

/// One side of a role change or removal: who they are and what role they hold now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Party {
    pub user_id: i64,
    pub role: OrgRole,
}

/// Why a role change or removal is refused. Each maps to a message people can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The actor's role does not allow managing users at all.
    NotAllowed,
    /// Only owners may assign the Owner role or touch an owner.
    CannotAssignOwnership,
    /// Nobody changes their own role or removes themselves here.
    SelfChange,
    /// The organization would be left without an owner or admin.
    LastManager,
    /// A subscribed organization would be left without an owner to manage the subscription.
    LastOwner,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NotAllowed => "forbidden",
            Refusal::CannotAssignOwnership => "cannot_assign_ownership",
            Refusal::SelfChange => "self_change",
            Refusal::LastManager => "last_manager",
            Refusal::LastOwner => "last_owner",
        }
    }

    pub fn message(self, lang: Lang) -> &'static str {
        let texts = names(lang);
        match self {
            Refusal::NotAllowed => texts.not_allowed,
            Refusal::CannotAssignOwnership => texts.cannot_assign_ownership,
            Refusal::SelfChange => texts.self_change,
            Refusal::LastManager => texts.last_manager,
            Refusal::LastOwner => texts.last_owner,
        }
    }
}

/// Who keeps the organization running, counted with the target of a change included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keepers {
    /// Owners and admins.
    pub managers: usize,
    pub owners: usize,
    /// While subscribed, an owner must remain to manage the subscription.
    pub subscribed: bool,
}

impl Keepers {
    /// Counts that never refuse: for hiding choices in the app, where the server has the last word.
    pub const UNKNOWN: Keepers = Keepers {
        managers: usize::MAX,
        owners: usize::MAX,
        subscribed: false,
    };

    /// Whether `target` may stop holding `role` (their role becomes `new_role`, or none).
    fn allow_leaving(self, role: OrgRole, new_role: Option<OrgRole>) -> Result<(), Refusal> {
        let stays_manager = new_role.is_some_and(OrgRole::is_manager);
        if role.is_manager() && !stays_manager && self.managers <= 1 {
            return Err(Refusal::LastManager);
        }
        if role == OrgRole::Owner && new_role != Some(OrgRole::Owner) && self.subscribed && self.owners <= 1 {
            return Err(Refusal::LastOwner);
        }
        Ok(())
    }
}

/// May `actor` give `target` the role `new_role`?
pub fn check_role_change(actor: Party, target: Party, new_role: OrgRole, keepers: Keepers) -> Result<(), Refusal> {
    if !allows(actor.role, Permission::InviteUsers) {
        return Err(Refusal::NotAllowed);
    }
    if actor.user_id == target.user_id {
        return Err(Refusal::SelfChange);
    }
    if actor.role != OrgRole::Owner && (target.role == OrgRole::Owner || new_role == OrgRole::Owner) {
        return Err(Refusal::CannotAssignOwnership);
    }
    keepers.allow_leaving(target.role, Some(new_role))
}

/// May `actor` remove `target` from the organization?
pub fn check_removal(actor: Party, target: Party, keepers: Keepers) -> Result<(), Refusal> {
    if !allows(actor.role, Permission::InviteUsers) {
        return Err(Refusal::NotAllowed);
    }
    if actor.user_id == target.user_id {
        return Err(Refusal::SelfChange);
    }
    if actor.role != OrgRole::Owner && target.role == OrgRole::Owner {
        return Err(Refusal::CannotAssignOwnership);
    }
    keepers.allow_leaving(target.role, None)
}

/// May `actor` invite someone with `role`?
pub fn check_invite(actor: OrgRole, role: OrgRole) -> Result<(), Refusal> {
    if !allows(actor, Permission::InviteUsers) {
        return Err(Refusal::NotAllowed);
    }
    if !assignable_roles(actor).contains(&role) {
        return Err(Refusal::CannotAssignOwnership);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrgRole::*;
    use Permission::*;

    /// docs/permissions.md, row by row: (permission, owner, admin, member).
    const TABLE: [(Permission, bool, bool, bool); 8] = [
        (OpenOrgArea, true, true, false),
        (SeeMembers, true, true, false),
        (ManageSpaces, true, true, false),
        (InviteUsers, true, true, false),
        (ManageSubscription, true, false, false),
        (ManageSettings, true, true, false),
        (ManageCollaborators, true, true, false),
        (ChooseRegions, true, false, false),
    ];

    #[test]
    fn permission_table_matches_the_documented_one() {
        for (permission, owner, admin, member) in TABLE {
            assert_eq!(allows(Owner, permission), owner, "owner {permission:?}");
            assert_eq!(allows(Admin, permission), admin, "admin {permission:?}");
            assert_eq!(allows(Member, permission), member, "member {permission:?}");
        }
        assert_eq!(TABLE.len(), Permission::ALL.len(), "every permission is in the table");
    }

    fn party(user_id: i64, role: OrgRole) -> Party {
        Party { user_id, role }
    }

    fn keepers(managers: usize, owners: usize, subscribed: bool) -> Keepers {
        Keepers {
            managers,
            owners,
            subscribed,
        }
    }

    const PLENTY: Keepers = Keepers {
        managers: 5,
        owners: 3,
        subscribed: true,
    };

    /// The expected outcome of a role change by `actor` on a *different* user holding `target`,
    /// in an organization with plenty of managers, written out as the brief states it.
    fn expected_change(actor: OrgRole, target: OrgRole, new_role: OrgRole) -> Result<(), Refusal> {
        match actor {
            Member => Err(Refusal::NotAllowed),
            Admin if target == Owner || new_role == Owner => Err(Refusal::CannotAssignOwnership),
            _ => Ok(()),
        }
    }

    #[test]
    fn role_changes_over_every_role_triple() {
        for actor in OrgRole::ALL {
            for target in OrgRole::ALL {
                for new_role in OrgRole::ALL {
                    let got = check_role_change(party(1, actor), party(2, target), new_role, PLENTY);
                    assert_eq!(
                        got,
                        expected_change(actor, target, new_role),
                        "{actor:?} sets {target:?} to {new_role:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn removals_over_every_role_pair() {
        for actor in OrgRole::ALL {
            for target in OrgRole::ALL {
                let expected = match actor {
                    Member => Err(Refusal::NotAllowed),
                    Admin if target == Owner => Err(Refusal::CannotAssignOwnership),
                    _ => Ok(()),
                };
                assert_eq!(
                    check_removal(party(1, actor), party(2, target), PLENTY),
                    expected,
                    "{actor:?} removes {target:?}"
                );
            }
        }
    }

    #[test]
    fn nobody_changes_their_own_role_or_removes_themselves() {
        for role in [Owner, Admin] {
            for new_role in OrgRole::ALL {
                assert_eq!(
                    check_role_change(party(7, role), party(7, role), new_role, PLENTY),
                    Err(Refusal::SelfChange)
                );
            }
            assert_eq!(
                check_removal(party(7, role), party(7, role), PLENTY),
                Err(Refusal::SelfChange)
            );
        }
    }

    #[test]
    fn the_last_owner_or_admin_stays() {
        // With a single owner or admin counted, that one can neither lose the role nor leave.
        assert_eq!(
            check_role_change(party(1, Owner), party(2, Admin), Member, keepers(1, 1, false)),
            Err(Refusal::LastManager)
        );
        assert_eq!(
            check_removal(party(1, Owner), party(2, Owner), keepers(1, 1, false)),
            Err(Refusal::LastManager)
        );
        // Moving between manager roles never empties the set.
        assert_eq!(
            check_role_change(party(1, Owner), party(2, Owner), Admin, keepers(1, 1, false)),
            Ok(())
        );
        // Two managers: one may go.
        assert_eq!(
            check_role_change(party(1, Owner), party(2, Admin), Member, keepers(2, 1, false)),
            Ok(())
        );
        assert_eq!(
            check_removal(party(1, Admin), party(2, Admin), keepers(2, 0, false)),
            Ok(())
        );
        // Members are not managers: removing one never trips the rule.
        assert_eq!(
            check_removal(party(1, Admin), party(2, Member), keepers(1, 0, true)),
            Ok(())
        );
    }

    #[test]
    fn a_subscribed_organization_keeps_an_owner() {
        // The last owner of a subscribed organization stays an owner, even with admins around.
        assert_eq!(
            check_role_change(party(1, Owner), party(2, Owner), Admin, keepers(3, 1, true)),
            Err(Refusal::LastOwner)
        );
        assert_eq!(
            check_removal(party(1, Owner), party(2, Owner), keepers(3, 1, true)),
            Err(Refusal::LastOwner)
        );
        // Without a subscription, or with another owner, the owner may go.
        assert_eq!(
            check_role_change(party(1, Owner), party(2, Owner), Admin, keepers(3, 1, false)),
            Ok(())
        );
        assert_eq!(
            check_removal(party(1, Owner), party(2, Owner), keepers(3, 2, true)),
            Ok(())
        );
        // Owner to owner is no change of ownership.
        assert_eq!(
            check_role_change(party(1, Owner), party(2, Owner), Owner, keepers(1, 1, true)),
            Ok(())
        );
    }

    #[test]
    fn invitations_follow_assignable_roles() {
        for actor in OrgRole::ALL {
            for role in OrgRole::ALL {
                let expected = match (actor, role) {
                    (Member, _) => Err(Refusal::NotAllowed),
                    (Admin, Owner) => Err(Refusal::CannotAssignOwnership),
                    _ => Ok(()),
                };
                assert_eq!(check_invite(actor, role), expected, "{actor:?} invites {role:?}");
            }
        }
        assert!(!assignable_roles(Admin).contains(&Owner));
    }

    #[test]
    fn roles_round_trip_and_owner_is_deprecated() {
        for role in OrgRole::ALL {
            assert_eq!(OrgRole::parse(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert!(Owner.is_deprecated() && !Admin.is_deprecated() && !Member.is_deprecated());
        assert_eq!(OrgRole::parse("superuser"), None);
    }
}
