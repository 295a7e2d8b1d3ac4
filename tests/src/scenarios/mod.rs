//! Every browser scenario, in the order they run.

mod access;
mod accessibility;
mod account;
mod activity;
mod dashboard;
mod delivery;
mod integrations;
mod keyboard;
mod languages;
mod live;
mod navigation;
mod palette;
mod resilience;
mod settings;
mod sign_in;
mod sso;
mod subscription;
mod undo;
mod users;

use std::future::Future;
use std::pin::Pin;

use crate::harness::{Ctx, TestResult};

pub type Scenario = fn(Ctx) -> Pin<Box<dyn Future<Output = TestResult> + Send>>;

macro_rules! scenarios {
    ($($module:ident :: $name:ident),* $(,)?) => {
        pub const ALL: &[(&str, Scenario)] = &[
            $((stringify!($name), |ctx| Box::pin($module::$name(ctx)))),*
        ];
    };
}

scenarios![
    sign_in::sign_in_reaches_the_dashboard_and_survives_a_reload,
    sign_in::wrong_password_says_so_and_keeps_the_email,
    sign_in::sign_out_ends_the_session_on_the_server,
    sign_in::a_throttled_sign_in_says_when_and_keeps_the_email,
    account::forgot_password_resets_by_mail_and_the_link_works_once,
    account::two_factor_is_set_up_then_asked_at_sign_in_with_a_code_or_a_recovery_code,
    account::an_organization_requiring_two_factor_sends_people_to_set_it_up_first,
    account::sessions_elsewhere_are_seen_and_signed_out_from_the_account_page,
    account::a_person_idle_for_long_is_warned_a_minute_before_and_can_stay_signed_in,
    account::a_guessable_new_password_is_refused_as_it_is_typed,
    navigation::deep_link_returns_after_sign_in,
    navigation::tabs_work_with_back_and_forward,
    navigation::unknown_paths_show_not_found,
    access::member_sees_no_access_page,
    dashboard::dashboard_lists_spaces_charts_and_free_traffic,
    dashboard::dashboard_filter_and_sort_live_in_the_address,
    dashboard::sign_in_page_never_loads_echarts,
    dashboard::every_chart_shows_its_tooltip_under_the_strict_policy,
    dashboard::add_a_personal_space_and_find_it_after_reload,
    dashboard::space_added_meanwhile_gets_a_clear_error,
    dashboard::detach_a_space_after_confirming,
    dashboard::add_a_collaborator_to_a_space,
    dashboard::owner_limits_regions_and_the_dashboard_flags_what_is_elsewhere,
    dashboard::a_usage_alert_shows_a_banner_until_dismissed,
    undo::each_destructive_action_is_undone_from_its_notice,
    undo::undo_survives_a_reload_and_another_admin_sees_it_live,
    palette::the_palette_runs_by_keyboard_alone_and_shows_what_the_role_allows,
    palette::the_palette_speaks_german_and_offers_a_member_only_their_own,
    users::users_search_and_role_filter_live_in_the_address,
    users::typing_fast_in_the_search_keeps_the_list_working,
    users::owner_changes_a_role_after_confirming,
    users::admin_cannot_assign_or_touch_ownership,
    users::owner_removes_a_user_after_confirming,
    users::names_are_shown_as_text_never_as_html,
    users::add_user_with_roles_and_create_then_accept,
    users::an_existing_account_accepts_with_its_password_and_lands_in_the_organization,
    languages::a_german_browser_gets_the_main_journey_in_german,
    languages::every_screen_in_german_passes_axe_and_fits_a_phone,
    languages::a_french_browser_gets_the_main_journey_in_french,
    languages::every_screen_in_french_passes_axe_and_fits_a_phone,
    activity::a_role_change_is_found_in_activity_by_its_author_and_exported,
    settings::rename_the_organization_and_see_it_at_once_and_after_reload,
    settings::primary_colour_previews_then_restyles_the_app,
    settings::branded_sign_in_page_wears_the_organization,
    settings::app_runs_framed_by_an_allowed_origin_only,
    settings::member_adds_a_space_once_members_may,
    settings::settings_save_survives_a_dropped_server,
    live::another_admins_changes_show_without_a_reload,
    integrations::an_access_token_made_in_the_browser_works_with_storyblok_js_client_until_revoked,
    integrations::a_webhook_endpoint_added_in_the_browser_receives_a_signed_test_event,
    sso::an_owner_verifies_a_domain_by_the_txt_record_the_tab_shows,
    sso::with_sso_required_a_newcomer_signs_in_with_sso_and_joins,
    sso::an_owner_sets_a_saml_provider_from_its_metadata_and_a_newcomer_signs_in_through_it,
    sso::scim_provisions_groups_suspends_and_removes_a_member_while_the_users_list_updates_live,
    keyboard::sign_in_and_skip_to_content_by_keyboard,
    keyboard::add_a_user_with_a_role_by_keyboard,
    keyboard::add_a_space_by_keyboard,
    accessibility::every_screen_passes_axe_and_fits_a_phone,
    subscription::owner_subscribes_then_uses_invoices_billing_and_payment,
    subscription::admin_sees_the_plans_but_no_way_to_subscribe,
    resilience::dropped_server_shows_message_and_retry,
    resilience::a_screen_whose_code_cannot_be_downloaded_says_so_and_retries,
    resilience::an_unavailable_service_is_announced_and_waited_out,
    resilience::built_app_runs_only_scripts_its_policy_names,
    delivery::dist_files_carry_content_hashes,
    delivery::built_app_stays_within_its_recorded_sizes,
    delivery::dist_works_under_a_prefix_on_a_plain_host_with_the_api_elsewhere,
    delivery::branded_address_never_paints_the_vendor,
    delivery::another_organization_is_not_shown_under_a_brand,
    delivery::embed_script_sizes_and_steers_the_frame_for_an_allowed_host_only,
    delivery::nginx_recipe_serves_the_app_with_the_servers_headers,
];
