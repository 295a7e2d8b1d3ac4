//! The app's start: the sign-in page, or the console for someone signed in (`boot`).

fn main() {
    org_area::boot::start();
}
