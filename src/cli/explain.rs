//! `orderly explain`: a diagnostic code's summary and explanation, or the list of codes.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::ExplainArgs;
use super::output::print;
use crate::Error;
use crate::diagnostic::Code;

/// Runs `orderly explain`.
pub(super) fn explain(args: &ExplainArgs) -> Result<ExitCode, Error> {
    let text = if let Some(name) = &args.code {
        let code: Code = name
            .parse()
            .map_err(|()| Error::UnknownCode(name.clone()))?;
        format!(
            "{} ({})\n\n{}\n\n{}\n",
            code,
            code.default_severity().as_str(),
            code.summary(),
            code.explanation()
        )
    } else {
        let mut text = String::new();
        for code in Code::ALL {
            let severity = code.default_severity().as_str();
            let _ = writeln!(
                text,
                "{:<30} {severity:<8} {}",
                code.as_str(),
                code.summary()
            );
        }
        text
    };
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}
