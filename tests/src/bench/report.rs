//! The benchmark's figures, each with its goal: printed as they are measured and written to
//! `docs/benchmarks.md` with the date and the machine, so a change that moves a figure is
//! committed with the page that shows it.

use std::fmt::Write as _;

pub struct Figure {
    pub group: &'static str,
    pub what: String,
    pub measured: f64,
    pub unit: &'static str,
    /// The most the figure may be (for a rate, the least); none for figures only reported.
    pub goal: Option<f64>,
    /// What it is made of, the largest first (label, amount shown), when it was broken down.
    pub contributors: Vec<(String, String)>,
}

impl Figure {
    /// A rate's goal is how much at least; every other goal, how much at most.
    fn is_rate(&self) -> bool {
        self.unit == "/s"
    }

    fn meets(&self, goal: f64) -> bool {
        if self.is_rate() {
            self.measured >= goal
        } else {
            self.measured <= goal
        }
    }

    fn goal_shown(&self, goal: f64) -> String {
        format!("{} {}", if self.is_rate() { "≥" } else { "≤" }, self.shown(goal))
    }

    fn shown(&self, value: f64) -> String {
        shown(value, self.unit)
    }

    fn verdict(&self) -> &'static str {
        match self.goal {
            Some(goal) if self.meets(goal) => "met",
            Some(_) => "**not met**",
            None => "",
        }
    }
}

/// `value` as the report writes an amount of `unit`.
fn shown(value: f64, unit: &str) -> String {
    match unit {
        "ms" if value < 10.0 => format!("{value:.1} ms"),
        "ms" => format!("{value:.0} ms"),
        "KB" => format!("{value:.1} KB"),
        "x" => format!("{value:.2}x"),
        "/s" => format!("{value:.1}/s"),
        "" => format!("{value:.0}"),
        unit => format!("{value:.0} {unit}"),
    }
}

#[derive(Default)]
pub struct Report {
    pub figures: Vec<Figure>,
}

impl Report {
    /// A figure with a goal it must not exceed (`None`: reported only).
    pub fn add(
        &mut self,
        group: &'static str,
        what: impl Into<String>,
        measured: f64,
        unit: &'static str,
        goal: Option<f64>,
    ) {
        let figure = Figure {
            group,
            what: what.into(),
            measured,
            unit,
            goal,
            contributors: Vec::new(),
        };
        let goal = figure
            .goal
            .map(|g| format!("; goal {} ({})", figure.goal_shown(g), figure.verdict()));
        println!(
            "  {}: {}{}",
            figure.what,
            figure.shown(figure.measured),
            goal.unwrap_or_default()
        );
        self.figures.push(figure);
    }

    /// What the figure added last is made of: up to ten contributors, the largest first, each
    /// shown in `unit`.
    pub fn made_of(&mut self, contributors: Vec<(String, f64)>, unit: &'static str) {
        let Some(figure) = self.figures.last_mut() else { return };
        figure.contributors = super::contributors::largest(contributors)
            .into_iter()
            .map(|(label, amount)| (label, shown(amount, unit)))
            .collect();
        for (label, amount) in &figure.contributors {
            println!("    {label}: {amount}");
        }
    }

    pub fn unmet(&self) -> usize {
        self.figures
            .iter()
            .filter(|f| f.goal.is_some_and(|g| !f.meets(g)))
            .count()
    }

    /// The page for `docs/benchmarks.md`.
    pub fn markdown(&self, machine: &Machine) -> String {
        let mut page = String::new();
        let goals = self.figures.iter().filter(|f| f.goal.is_some()).count();
        let _ = writeln!(page, "# Benchmarks\n");
        let _ = writeln!(
            page,
            "Written by `cargo xtask bench` on {} at commit `{}`; commit it with every change that moves a figure.\n",
            machine.date, machine.commit
        );
        let _ = writeln!(
            page,
            "Machine: {} cores ({}), {:.0} GiB memory, {}. The server is the `server` profile on SQLite, the app the release build, pages are first visits in a fresh browser profile on loopback.\n",
            machine.cores, machine.cpu, machine.memory_gib, machine.browser
        );
        let _ = writeln!(
            page,
            "{} of {goals} goals met. Timings vary from run to run by about ten per cent; byte sizes are exact (the size ratchet in `tests/sizes.txt` holds them in `cargo xtask test`).\n",
            goals - self.unmet()
        );
        let mut groups: Vec<&str> = Vec::new();
        for figure in &self.figures {
            if !groups.contains(&figure.group) {
                groups.push(figure.group);
            }
        }
        for group in groups {
            let _ = writeln!(page, "## {group}\n\n| what | measured | goal | |\n|---|---:|---:|---|");
            for f in self.figures.iter().filter(|f| f.group == group) {
                let goal = f.goal.map(|g| f.goal_shown(g)).unwrap_or_default();
                let _ = writeln!(
                    page,
                    "| {} | {} | {goal} | {} |",
                    f.what,
                    f.shown(f.measured),
                    f.verdict()
                );
            }
            page.push('\n');
        }
        self.unmet_goals(&mut page);
        page
    }

    /// Each goal not met: its figure, its ten largest contributors, and what was tried.
    fn unmet_goals(&self, page: &mut String) {
        let unmet: Vec<&Figure> = self
            .figures
            .iter()
            .filter(|f| f.goal.is_some_and(|g| !f.meets(g)))
            .collect();
        if unmet.is_empty() {
            return;
        }
        let _ = writeln!(
            page,
            "## Goals not met: what each is made of, and what was tried
"
        );
        for f in unmet {
            let goal = f.goal.map(|g| f.goal_shown(g)).unwrap_or_default();
            let _ = writeln!(
                page,
                "### {}: {}
",
                f.group, f.what
            );
            let _ = writeln!(
                page,
                "{} against a goal of {goal}.
",
                f.shown(f.measured)
            );
            if f.contributors.is_empty() {
                let _ = writeln!(
                    page,
                    "Not broken down by the benchmark.
"
                );
            } else {
                let _ = writeln!(
                    page,
                    "| largest contributors (of a timing: in the run's last sample; downloads overlap) | |\n|---|---:|"
                );
                for (label, amount) in &f.contributors {
                    let _ = writeln!(page, "| {label} | {amount} |");
                }
                page.push('\n');
            }
            let _ = writeln!(page, "{}\n", super::tried::of(&f.what));
        }
    }
}

/// What the figures were measured on.
pub struct Machine {
    pub date: String,
    pub commit: String,
    pub cores: usize,
    pub cpu: String,
    pub memory_gib: f64,
    pub browser: String,
}

fn command_output(program: &str, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

impl Machine {
    pub fn this_one() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            })
            .unwrap_or_else(|| "unknown processor".into());
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory_kib: f64 = meminfo
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0);
        let mut commit = command_output("git", &["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "unknown".into());
        if command_output("git", &["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty()) {
            commit.push_str(" with uncommitted changes");
        }
        Machine {
            date: command_output("date", &["-u", "+%Y-%m-%d"]).unwrap_or_else(|| "unknown date".into()),
            commit,
            cores: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            cpu,
            memory_gib: memory_kib / 1024.0 / 1024.0,
            browser: command_output("/usr/bin/chromium", &["--version"]).unwrap_or_else(|| "Chromium".into()),
        }
    }
}
