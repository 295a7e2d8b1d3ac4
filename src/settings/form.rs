//! The settings form. Everything is checked here with the same rules the server applies, so each
//! problem shows at its field before sending; what the server still refuses lands there too. A
//! save over someone else's newer one is a conflict, never a silent overwrite, and keeps the form.

use super::text::t;
use crate::i18n::fill;
use contract::{
    allows, check_colors, split_list, AccessSettings, Branding, ColorPair, EmbedSettings, NotificationSettings,
    OrgSettings, Permission, Region, SettingsUpdate, UploadedImage, MAX_FAVICON_BYTES, MAX_LOGO_BYTES,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api;
use super::color_field::ColorField;
use super::embed_help::EmbedHelp;
use super::image_field::ImageField;
use super::notifications::NotificationsSection;
use super::preview::BrandPreview;
use super::regions_field::RegionsField;
use crate::api::{absolute, ApiError};
use crate::brand::use_brand;
use crate::live::use_live;
use crate::session::use_session;
use crate::widgets::{ErrorPanel, FieldIssues, NoticeBar, TextField};

/// One signal per input, so typing touches only its own field.
#[derive(Clone, Copy)]
struct Fields {
    version: RwSignal<i64>,
    name: RwSignal<String>,
    app_name: RwSignal<String>,
    sign_in_text: RwSignal<String>,
    light_primary: RwSignal<String>,
    light_accent: RwSignal<String>,
    dark_primary: RwSignal<String>,
    dark_accent: RwSignal<String>,
    hide_powered_by: RwSignal<bool>,
    origins: RwSignal<String>,
    domains: RwSignal<String>,
    members_can_create_spaces: RwSignal<bool>,
    require_two_factor: RwSignal<bool>,
    /// As typed; a value that is not a number is refused at the field.
    retention_days: RwSignal<String>,
    /// As typed; empty for no cap.
    max_token_days: RwSignal<String>,
    allowed_regions: RwSignal<Vec<Region>>,
    notifications: RwSignal<NotificationSettings>,
}

impl Fields {
    fn new(from: &SettingsUpdate) -> Self {
        let fields = Fields {
            version: RwSignal::new(0),
            name: RwSignal::new(String::new()),
            app_name: RwSignal::new(String::new()),
            sign_in_text: RwSignal::new(String::new()),
            light_primary: RwSignal::new(String::new()),
            light_accent: RwSignal::new(String::new()),
            dark_primary: RwSignal::new(String::new()),
            dark_accent: RwSignal::new(String::new()),
            hide_powered_by: RwSignal::new(false),
            origins: RwSignal::new(String::new()),
            domains: RwSignal::new(String::new()),
            members_can_create_spaces: RwSignal::new(false),
            require_two_factor: RwSignal::new(false),
            retention_days: RwSignal::new(String::new()),
            max_token_days: RwSignal::new(String::new()),
            allowed_regions: RwSignal::new(Vec::new()),
            notifications: RwSignal::new(NotificationSettings::default()),
        };
        fields.fill(from);
        fields
    }

    fn fill(&self, from: &SettingsUpdate) {
        self.version.set(from.version);
        self.name.set(from.name.clone());
        self.app_name.set(from.branding.app_name.clone());
        self.sign_in_text.set(from.branding.sign_in_text.clone());
        self.light_primary.set(from.branding.light.primary.clone());
        self.light_accent.set(from.branding.light.accent.clone());
        self.dark_primary.set(from.branding.dark.primary.clone());
        self.dark_accent.set(from.branding.dark.accent.clone());
        self.hide_powered_by.set(from.branding.hide_powered_by);
        self.origins.set(from.embed.allowed_origins.join("\n"));
        self.domains.set(from.access.allowed_email_domains.join("\n"));
        self.members_can_create_spaces
            .set(from.access.members_can_create_spaces);
        self.require_two_factor.set(from.access.require_two_factor);
        self.retention_days.set(from.access.activity_retention_days.to_string());
        self.max_token_days
            .set(from.access.max_token_days.map(|d| d.to_string()).unwrap_or_default());
        self.allowed_regions.set(from.access.allowed_regions.clone());
        self.notifications.set(from.notifications.clone().unwrap_or_default());
    }

    fn light(&self) -> ColorPair {
        ColorPair {
            primary: self.light_primary.get(),
            accent: self.light_accent.get(),
        }
    }

    fn dark(&self) -> ColorPair {
        ColorPair {
            primary: self.dark_primary.get(),
            accent: self.dark_accent.get(),
        }
    }

    /// What the form says now (tracked, so a `Memo` of it follows every keystroke).
    fn collect(&self) -> SettingsUpdate {
        SettingsUpdate {
            version: self.version.get(),
            name: self.name.get(),
            branding: Branding {
                app_name: self.app_name.get(),
                sign_in_text: self.sign_in_text.get(),
                light: self.light(),
                dark: self.dark(),
                hide_powered_by: self.hide_powered_by.get(),
            },
            embed: EmbedSettings {
                allowed_origins: split_list(&self.origins.get()),
            },
            access: AccessSettings {
                allowed_email_domains: split_list(&self.domains.get()),
                members_can_create_spaces: self.members_can_create_spaces.get(),
                require_two_factor: self.require_two_factor.get(),
                activity_retention_days: self.retention_days.get().trim().parse().unwrap_or(0),
                // Empty is no cap; anything else that is not a number is refused at the field.
                max_token_days: match self.max_token_days.get().trim() {
                    "" => None,
                    days => Some(days.parse().unwrap_or(0)),
                },
                allowed_regions: self.allowed_regions.get(),
            },
            notifications: Some(self.notifications.get()),
        }
    }
}

#[component]
pub fn SettingsForm(initial: OrgSettings, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let brand = use_brand();
    let saved = RwSignal::new(initial.to_update());
    let fields = Fields::new(&saved.get_untracked());
    let slug = initial.slug.clone();
    let logo = RwSignal::new(initial.logo.clone());
    let favicon = RwSignal::new(initial.favicon.clone());
    let issues = FieldIssues::new();
    let conflict = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);

    let current = Memo::new(move |_| fields.collect());
    let dirty = Memo::new(move |_| current.get() != saved.get());
    let checks = Memo::new(move |_| check_colors(&fields.light(), &fields.dark()));
    let check = move |i: usize| Signal::derive(move || checks.with(|c| c[i].clone()));
    let error_at = move |field: &'static str| issues.at(field);

    // A message stays until its field is edited: then the live checks take over.
    let clear_on_edit = move |field: &'static str, value: RwSignal<String>| {
        Effect::new(move |before: Option<String>| {
            let now = value.get();
            if before.is_some_and(|b| b != now) {
                issues.clear_field(field);
            }
            now
        });
    };
    for (field, value) in [
        ("name", fields.name),
        ("branding.app_name", fields.app_name),
        ("branding.sign_in_text", fields.sign_in_text),
        ("branding.light.primary", fields.light_primary),
        ("branding.light.accent", fields.light_accent),
        ("branding.dark.primary", fields.dark_primary),
        ("branding.dark.accent", fields.dark_accent),
        ("embed.allowed_origins", fields.origins),
        ("access.allowed_email_domains", fields.domains),
        ("access.activity_retention_days", fields.retention_days),
        ("access.max_token_days", fields.max_token_days),
    ] {
        clear_on_edit(field, value);
    }

    // Saved on the server: the form shows what was stored (trimmed, normalized) and the whole app
    // wears it at once.
    let apply_saved = move |settings: OrgSettings| {
        brand.show(settings.public_branding());
        session.rename_org(settings.name.clone());
        logo.set(settings.logo.clone());
        favicon.set(settings.favicon.clone());
        let update = settings.to_update();
        fields.fill(&update);
        saved.set(update);
    };
    // An image change is stored at once and does not touch the form's other, unsaved fields.
    let image_saved = Callback::new(move |settings: OrgSettings| {
        brand.show(settings.public_branding());
        logo.set(settings.logo);
        favicon.set(settings.favicon);
        notice.set(Some(t().image_saved.into()));
    });

    // Someone else saved: an untouched form shows their settings at once; one with edits keeps
    // them and says that saving now would be refused as a conflict.
    let live = use_live();
    Effect::watch(
        move || live.settings_by_other.get().map(|change| change.id),
        move |_, _, _| {
            if dirty.get_untracked() {
                conflict.set(Some(t().conflict.into()));
            } else {
                spawn_local(async move {
                    if let Ok(settings) = api::load().await {
                        apply_saved(settings);
                        notice.set(Some(t().saved_by_other.into()));
                    }
                });
            }
        },
        false,
    );

    // The notice and the conflict are shared with the live changes above: the action sets them
    // when it is done.
    let save = Action::new_local(move |update: &SettingsUpdate| {
        let update = update.clone();
        async move {
            match api::save(&update).await {
                Ok(settings) => {
                    apply_saved(settings);
                    notice.set(Some(t().saved.into()));
                }
                Err(ApiError::Refused {
                    status: 409, message, ..
                }) => conflict.set(Some(message)),
                Err(err) => failure.set(issues.refused(err)),
            }
        }
    });

    let submit = move || {
        notice.set(None);
        failure.set(None);
        conflict.set(None);
        match current.get_untracked().validated(crate::i18n::lang()) {
            Ok(update) => {
                issues.set(Vec::new());
                save.dispatch(update);
            }
            Err(found) => issues.set(found),
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit();
    };
    let discard = move |_| {
        fields.fill(&saved.get_untracked());
        issues.set(Vec::new());
        conflict.set(None);
    };

    let preview_name =
        Signal::derive(move || contract::shown_name(&fields.app_name.get(), &fields.name.get()).to_string());
    let preview_logo = Signal::derive(move || logo.get().map(|image| absolute(&image.url)));
    let light = Signal::derive(move || fields.light());
    let dark = Signal::derive(move || fields.dark());
    let current_logo: Signal<Option<UploadedImage>> = logo.into();
    let current_favicon: Signal<Option<UploadedImage>> = favicon.into();
    let owner = session
        .me()
        .and_then(|me| me.role())
        .is_some_and(|role| allows(role, Permission::ChooseRegions));

    view! {
        <NoticeBar notice=notice />
        <form class="settings-form" on:submit=on_submit novalidate>
            {move || conflict.get().map(|message| view! {
                <div class="alert alert-error" role="alert">
                    <p>{message}</p>
                    <button type="button" class="button small" on:click=move |_| reload.run(())>
                        {t().load_latest}
                    </button>
                </div>
            })}
            {move || failure.get().map(|err| view! {
                <ErrorPanel error=err.to_string() retry=Callback::new(move |_| submit()) />
            })}
            {move || (issues.count() > 1).then(|| view! {
                <p class="alert alert-error" role="alert">
                    {move || fill(t().fields_need_change, &[&issues.count()])}
                </p>
            })}

            <section class="card settings-section" aria-labelledby="settings-org">
                <h2 id="settings-org">{t().organization}</h2>
                <TextField id="org-name" label=t().org_name value=fields.name error=error_at("name")
                    hint=fill(t().org_name_hint, &[&slug]) />
            </section>

            <section class="card settings-section" aria-labelledby="settings-brand">
                <h2 id="settings-brand">{t().white_labeling}</h2>
                <div class="settings-split">
                    <div>
                        <TextField id="app-name" label=t().app_name value=fields.app_name error=error_at("branding.app_name")
                            hint=t().app_name_hint />
                        <TextField id="sign-in-text" label=t().sign_in_text value=fields.sign_in_text rows=3
                            error=error_at("branding.sign_in_text") hint=t().sign_in_text_hint />
                        <div class="form-row">
                            <ColorField id="light-primary" value=fields.light_primary check=check(0) error=error_at("branding.light.primary") />
                            <ColorField id="light-accent" value=fields.light_accent check=check(1) error=error_at("branding.light.accent") />
                        </div>
                        <div class="form-row">
                            <ColorField id="dark-primary" value=fields.dark_primary check=check(2) error=error_at("branding.dark.primary") />
                            <ColorField id="dark-accent" value=fields.dark_accent check=check(3) error=error_at("branding.dark.accent") />
                        </div>
                        <div class="field checkbox">
                            <input id="hide-powered-by" type="checkbox" bind:checked=fields.hide_powered_by />
                            <label for="hide-powered-by">{t().hide_powered_by}</label>
                        </div>
                        <div class="form-row">
                            <ImageField kind="logo" label=t().logo noun=t().logo_noun max_bytes=MAX_LOGO_BYTES current=current_logo on_saved=image_saved
                                hint=t().logo_hint />
                            <ImageField kind="favicon" label=t().favicon noun=t().favicon_noun max_bytes=MAX_FAVICON_BYTES current=current_favicon on_saved=image_saved
                                hint=t().favicon_hint />
                        </div>
                    </div>
                    <BrandPreview name=preview_name logo=preview_logo light=light dark=dark />
                </div>
            </section>

            <section class="card settings-section" aria-labelledby="settings-embed">
                <h2 id="settings-embed">{t().embedding}</h2>
                <TextField id="embed-origins" label=t().origins value=fields.origins rows=3
                    error=error_at("embed.allowed_origins")
                    hint=t().origins_hint />
                <EmbedHelp slug=slug.clone() app_name=preview_name />
            </section>

            <section class="card settings-section" aria-labelledby="settings-access">
                <h2 id="settings-access">{t().access}</h2>
                <TextField id="email-domains" label=t().domains value=fields.domains rows=2
                    error=error_at("access.allowed_email_domains")
                    hint=t().domains_hint />
                <div class="field checkbox">
                    <input id="members-create-spaces" type="checkbox" bind:checked=fields.members_can_create_spaces />
                    <label for="members-create-spaces">{t().members_add_spaces}</label>
                </div>
                <div class="field checkbox">
                    <input id="require-2fa" type="checkbox" bind:checked=fields.require_two_factor aria-describedby="require-2fa-hint" />
                    <label for="require-2fa">{t().require_2fa}</label>
                    <p id="require-2fa-hint" class="muted hint">{t().require_2fa_hint}</p>
                </div>
                <TextField id="activity-retention" label=t().retention value=fields.retention_days
                    error=error_at("access.activity_retention_days")
                    hint=t().retention_hint />
                <TextField id="max-token-days" label=t().max_token_days value=fields.max_token_days
                    error=error_at("access.max_token_days")
                    hint=t().max_token_days_hint />
                <RegionsField value=fields.allowed_regions may_change=owner error=error_at("access.allowed_regions") />
            </section>

            <NotificationsSection value=fields.notifications />

            <div class="form-actions settings-actions">
                <span class="muted" role="status">{move || if dirty.get() { t().unsaved } else { t().all_saved }}</span>
                <button type="button" class="button" disabled=move || !dirty.get() on:click=discard>{t().discard}</button>
                <button type="submit" class="button primary" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { t().saving } else { t().save }}
                </button>
            </div>
        </form>
    }
}
