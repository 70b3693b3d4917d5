//! Staff accounts: roles, the password rule, login lockout and idle timeout.
//!
//! The figures are the ones a 等保 level-3 assessment (GB/T 22239-2019 §8.1.4.1, 身份鉴别:
//! "应具有登录失败处理功能，应配置并启用结束会话、限制非法登录次数和当登录连接超时自动退出等相关措施")
//! asks for in practice. The standard names the controls but not the numbers, so they are
//! configuration ([`SecurityPolicy`]) with the usual assessment values as defaults.

use crate::refusal::Refusal;

/// A staff role. Each user has one role and acts within an organisation subtree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// 系统管理员: accounts, organisation tree, configuration.
    Admin,
    /// 司法局/法制机构工作人员: the legal-affairs office, which supervises the whole government.
    LegalOffice,
    /// 部门工作人员: enforcement department staff.
    DepartmentStaff,
    /// 部门法制审核人员: a department's legal reviewer.
    DepartmentReviewer,
    /// 领导: reads everything in scope, changes nothing.
    Leader,
    /// 法律顾问/公职律师: gives written opinions.
    LegalAdviser,
}

impl Role {
    /// Every role, in the order the UI lists them.
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::LegalOffice,
        Role::DepartmentStaff,
        Role::DepartmentReviewer,
        Role::Leader,
        Role::LegalAdviser,
    ];

    /// The code stored in the database and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::LegalOffice => "legal_office",
            Role::DepartmentStaff => "department_staff",
            Role::DepartmentReviewer => "department_reviewer",
            Role::Leader => "leader",
            Role::LegalAdviser => "legal_adviser",
        }
    }

    /// Parses the stored code.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The Chinese name shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "系统管理员",
            Role::LegalOffice => "司法局（法制机构）工作人员",
            Role::DepartmentStaff => "部门执法人员",
            Role::DepartmentReviewer => "部门法制审核人员",
            Role::Leader => "领导",
            Role::LegalAdviser => "法律顾问",
        }
    }

    /// Whether the role must be attached to a department (its scope is that department's subtree).
    pub fn needs_department(self) -> bool {
        matches!(self, Role::DepartmentStaff | Role::DepartmentReviewer)
    }
}

/// Security settings of the login controls; defaults are the usual 等保 level-3 values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityPolicy {
    /// Failed logins in a row that lock the account. Default 5.
    pub max_failed_logins: i64,
    /// How long a lockout lasts, in milliseconds. Default 15 minutes.
    pub lockout_ms: i64,
    /// Idle time after which a session ends, in milliseconds. Default 30 minutes.
    pub idle_timeout_ms: i64,
}

impl Default for SecurityPolicy {
    fn default() -> Self {
        SecurityPolicy {
            max_failed_logins: 5,
            lockout_ms: 15 * 60 * 1000,
            idle_timeout_ms: 30 * 60 * 1000,
        }
    }
}

/// The part of an account that a login decision needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginState {
    /// Failed logins in a row so far.
    pub failed_logins: i64,
    /// End of the current lockout (unix ms), if any.
    pub locked_until: Option<i64>,
    /// Disabled accounts never log in.
    pub active: bool,
}

/// What a login attempt leads to; the store persists it and the audit log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginOutcome {
    /// Logged in; failures reset.
    Success,
    /// Wrong password; `failed_logins` is the new count.
    Failure {
        /// The new count of failures in a row.
        failed_logins: i64,
    },
    /// Wrong password, and this failure locks the account until the given time.
    LockedNow {
        /// End of the lockout (unix ms).
        until: i64,
    },
    /// The account is locked; the password was not even checked.
    StillLocked {
        /// End of the lockout (unix ms).
        until: i64,
    },
    /// The account is disabled.
    Inactive,
}

impl LoginOutcome {
    /// The stable audit action name of this outcome.
    pub fn audit_action(self) -> &'static str {
        match self {
            LoginOutcome::Success => "login",
            LoginOutcome::Failure { .. } => "login_failed",
            LoginOutcome::LockedNow { .. } => "account_locked",
            LoginOutcome::StillLocked { .. } => "login_refused_locked",
            LoginOutcome::Inactive => "login_refused_inactive",
        }
    }
}

/// Whether a lockout is in force at `now`.
pub fn is_locked(state: &LoginState, now_ms: i64) -> Option<i64> {
    state.locked_until.filter(|&until| until > now_ms)
}

/// Decides a login attempt. Call with `password_ok = None` to ask whether the password needs
/// checking at all (a locked or disabled account is refused first, so a locked account cannot be
/// used to guess passwords).
pub fn decide_login(
    state: &LoginState,
    password_ok: bool,
    now_ms: i64,
    policy: &SecurityPolicy,
) -> LoginOutcome {
    if !state.active {
        return LoginOutcome::Inactive;
    }
    if let Some(until) = is_locked(state, now_ms) {
        return LoginOutcome::StillLocked { until };
    }
    if password_ok {
        return LoginOutcome::Success;
    }
    // A lockout that has run out starts the count afresh.
    let previous = if state.locked_until.is_some() {
        0
    } else {
        state.failed_logins
    };
    let failed_logins = previous + 1;
    if failed_logins >= policy.max_failed_logins {
        LoginOutcome::LockedNow {
            until: now_ms + policy.lockout_ms,
        }
    } else {
        LoginOutcome::Failure { failed_logins }
    }
}

/// Whether a session last seen at `last_seen_ms` has expired by `now_ms`.
pub fn session_expired(last_seen_ms: i64, now_ms: i64, policy: &SecurityPolicy) -> bool {
    now_ms - last_seen_ms > policy.idle_timeout_ms
}

/// Checks a new password: at least 8 characters from at least 3 of the 4 classes
/// (lower-case, upper-case, digits, other), not containing the user name.
pub fn check_password_complexity(password: &str, username: &str) -> Result<(), Refusal> {
    let n_chars = password.chars().count();
    if n_chars < 8 {
        return Err(Refusal::new(
            "account.password_too_short",
            "密码长度至少为8位",
        ));
    }
    if n_chars > 128 {
        return Err(Refusal::new(
            "account.password_too_long",
            "密码长度不能超过128位",
        ));
    }
    let classes = [
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if classes.iter().filter(|&&present| present).count() < 3 {
        return Err(Refusal::new(
            "account.password_too_simple",
            "密码须包含大写字母、小写字母、数字、特殊字符中的至少三类",
        ));
    }
    if !username.is_empty() && password.to_lowercase().contains(&username.to_lowercase()) {
        return Err(Refusal::new(
            "account.password_contains_username",
            "密码不能包含用户名",
        ));
    }
    Ok(())
}

/// Checks a user name: 3 to 32 characters of ASCII letters, digits, `.`, `_` and `-`.
pub fn check_username(username: &str) -> Result<(), String> {
    let ok_chars = username
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
    if !(3..=32).contains(&username.len()) || !ok_chars {
        return Err("用户名须为3至32位字母、数字、点、下划线或连字符".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60 * 1000;

    fn fresh() -> LoginState {
        LoginState {
            failed_logins: 0,
            locked_until: None,
            active: true,
        }
    }

    #[test]
    fn password_needs_8_chars_and_3_of_4_classes() {
        assert!(check_password_complexity("Ab1!", "u").is_err());
        assert!(check_password_complexity("abcdefgh", "u").is_err());
        assert!(check_password_complexity("abcdefg1", "u").is_err());
        assert!(check_password_complexity("abcdef1!", "u").is_ok());
        assert!(check_password_complexity("Abcdefg1", "u").is_ok());
        assert!(check_password_complexity("ABCDEF1!", "u").is_ok());
        assert_eq!(
            check_password_complexity("Zhangsan1!", "zhangsan")
                .unwrap_err()
                .code,
            "account.password_contains_username"
        );
    }

    #[test]
    fn fifth_failed_login_locks_for_15_minutes() {
        let policy = SecurityPolicy::default();
        let mut state = fresh();
        for n in 1..=4 {
            assert_eq!(
                decide_login(&state, false, 0, &policy),
                LoginOutcome::Failure { failed_logins: n }
            );
            state.failed_logins = n;
        }
        assert_eq!(
            decide_login(&state, false, 0, &policy),
            LoginOutcome::LockedNow { until: 15 * MIN }
        );
        state.locked_until = Some(15 * MIN);
        state.failed_logins = 5;
        // Even the right password is refused while locked.
        assert_eq!(
            decide_login(&state, true, 14 * MIN, &policy),
            LoginOutcome::StillLocked { until: 15 * MIN }
        );
        // After the lockout the right password works, and a wrong one counts from 1 again.
        assert_eq!(
            decide_login(&state, true, 15 * MIN, &policy),
            LoginOutcome::Success
        );
        assert_eq!(
            decide_login(&state, false, 16 * MIN, &policy),
            LoginOutcome::Failure { failed_logins: 1 }
        );
    }

    #[test]
    fn disabled_account_never_logs_in() {
        let state = LoginState {
            active: false,
            ..fresh()
        };
        assert_eq!(
            decide_login(&state, true, 0, &SecurityPolicy::default()),
            LoginOutcome::Inactive
        );
    }

    #[test]
    fn session_ends_after_30_idle_minutes() {
        let policy = SecurityPolicy::default();
        assert!(!session_expired(0, 30 * MIN, &policy));
        assert!(session_expired(0, 30 * MIN + 1, &policy));
    }

    #[test]
    fn usernames_are_plain_ascii() {
        assert!(check_username("zhang.san").is_ok());
        assert!(check_username("张三").is_err());
        assert!(check_username("ab").is_err());
    }
}
