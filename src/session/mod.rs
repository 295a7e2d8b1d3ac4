//! Who is signed in, shared by every screen.

pub mod api;

use contract::{LoginRequest, LoginResponse, Me, SignInStep};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{token, ApiError};

#[derive(Clone, Debug, PartialEq)]
pub enum SessionState {
    /// A stored token is being checked with the server.
    Checking,
    SignedOut,
    SignedIn(Me),
    /// The stored session could not be checked (network, server error): show it and offer a retry.
    Unreachable(ApiError),
}

#[derive(Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
}

pub fn provide_session() {
    let state = RwSignal::new(if token::load().is_some() {
        SessionState::Checking
    } else {
        SessionState::SignedOut
    });
    let session = Session { state };
    // A 401 from any call means the session is gone: back to sign-in, wherever we are.
    crate::api::on_unauthorized(move || state.set(SessionState::SignedOut));
    provide_context(session);
    if token::load().is_some() {
        session.recheck();
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    pub fn me(&self) -> Option<Me> {
        match self.state.get() {
            SessionState::SignedIn(me) => Some(me),
            _ => None,
        }
    }

    /// Ask the server who the stored token belongs to.
    pub fn recheck(self) {
        self.state.set(SessionState::Checking);
        spawn_local(async move {
            let next = match api::me().await {
                Ok(me) => SessionState::SignedIn(me),
                Err(ApiError::Unauthorized(_)) => SessionState::SignedOut,
                Err(err) => SessionState::Unreachable(err),
            };
            self.state.set(next);
        });
    }

    /// Ask again who we are, keeping the screen as it is meanwhile (no "checking" state), and
    /// change it only when the answer differs: after something changed us from elsewhere (our
    /// role, the organization's rules).
    pub fn refresh(self) {
        spawn_local(async move {
            // A 401 has already signed us out; any other failure leaves the screen as it was.
            if let Ok(me) = api::me().await {
                let next = SessionState::SignedIn(me);
                if self.state.with_untracked(|now| *now != next) {
                    self.state.set(next);
                }
            }
        });
    }

    /// Sign in with a password. With two-factor sign-in on, the answer is the session that still
    /// owes its code (kept in memory only: it opens nothing until [`Session::second_factor`]).
    pub async fn sign_in(self, request: LoginRequest) -> Result<Option<String>, ApiError> {
        let response = api::login(&request).await?;
        if response.next == SignInStep::TwoFactor {
            return Ok(Some(response.token));
        }
        self.start(response);
        Ok(None)
    }

    /// The authentication code (or a recovery code) for a session that owes it.
    pub async fn second_factor(self, pending_token: String, code: contract::TwoFactorCode) -> Result<(), ApiError> {
        let response = api::second_factor(&pending_token, code).await?;
        self.start(response);
        Ok(())
    }

    /// Keep a session the server just opened (by sign-in or by accepting an invitation).
    pub fn start(self, response: LoginResponse) {
        token::store(&response.token);
        self.state.set(SessionState::SignedIn(response.me));
    }

    /// The person renamed themself: the header shows it at once.
    pub fn set_profile(self, profile: contract::Profile) {
        self.state.update(|state| {
            if let SessionState::SignedIn(me) = state {
                me.user = profile;
            }
        });
    }

    /// Two-factor sign-in was set up: the organization's other screens open again.
    pub fn two_factor_on(self) {
        self.state.update(|state| {
            if let SessionState::SignedIn(me) = state {
                me.user.two_factor = true;
                me.must_set_up_two_factor = false;
            }
        });
    }

    /// The organization was renamed: every screen shows the new name at once.
    pub fn rename_org(self, name: String) {
        self.state.update(|state| {
            if let SessionState::SignedIn(Me { org: Some(org), .. }) = state {
                org.name = name;
            }
        });
    }

    /// The organization subscribed (or its billing history opened): the menu grows its billing
    /// entries at once.
    pub fn set_billing_open(self, open: bool) {
        self.state.update(|state| {
            if let SessionState::SignedIn(Me { org: Some(org), .. }) = state {
                org.billing_open = open;
            }
        });
    }

    /// Revoke the session on the server, then forget it here even if the server is unreachable,
    /// and load the plain sign-in page: someone who signs out chose to leave the page they were on.
    pub fn sign_out(self) {
        spawn_local(async move {
            let _ = api::logout().await;
            token::clear();
            crate::embed::signed_out();
            match web_sys::window() {
                Some(window) => {
                    let _ = window.location().replace(&crate::mount::href("/sign-in"));
                }
                None => self.state.set(SessionState::SignedOut),
            }
        });
    }
}
