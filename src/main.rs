//! The boot module: the sign-in page, or the console for someone signed in.

fn main() {
    org_area::boot::start();
}
