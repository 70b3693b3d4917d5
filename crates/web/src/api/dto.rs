//! Wire types of `/api/v1`, converted by hand from store and domain types (which never derive
//! `ToSchema`): the shapes the world sees are kept here and only here.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every error: a stable code and a Chinese message; `fields` for validation errors, `basis` for
/// refusals that cite a law.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    /// Stable code, e.g. `invalid_input`, `not_found`, `account.locked`.
    pub code: String,
    /// Chinese message.
    pub message: String,
    /// Messages per field, for `invalid_input`.
    #[schema(value_type = Option<Object>)]
    pub fields: Option<serde_json::Value>,
    /// `{law, article}` for refusals that cite a law.
    #[schema(value_type = Option<Object>)]
    pub basis: Option<serde_json::Value>,
}

/// Login.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// A successful login: the session cookie is set; send `csrf_token` as `X-CSRF-Token` on writes.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// The account.
    pub user: UserDto,
    /// CSRF token of the session.
    pub csrf_token: String,
}

/// A staff account.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserDto {
    /// Id within the government.
    pub id: i64,
    /// Government id.
    pub government_id: i64,
    /// User name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role code: admin, legal_office, department_staff, department_reviewer, leader, legal_adviser.
    pub role: String,
    /// Scope department (none: the whole government).
    pub department_id: Option<i64>,
    /// Whether the password must be changed before anything else.
    pub must_change_password: bool,
    /// End of a lockout (unix ms), if locked.
    pub locked_until: Option<i64>,
}

impl From<&store::User> for UserDto {
    fn from(u: &store::User) -> Self {
        UserDto {
            id: u.id,
            government_id: u.government_id,
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            role: u.role.as_str().to_owned(),
            department_id: u.department_id,
            must_change_password: u.must_change_password,
            locked_until: u.locked_until,
        }
    }
}

/// A region.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionDto {
    /// Division code.
    pub code: String,
    /// Name.
    pub name: String,
    /// province, city, county or town.
    pub level: String,
    /// Parent code.
    pub parent_code: Option<String>,
}

impl From<&store::Region> for RegionDto {
    fn from(r: &store::Region) -> Self {
        RegionDto {
            code: r.code.clone(),
            name: r.name.clone(),
            level: r.level.as_str().to_owned(),
            parent_code: r.parent_code.clone(),
        }
    }
}

/// A new region.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewRegion {
    /// Division code (6 digits; 9 for a town).
    pub code: String,
    /// Name.
    pub name: String,
    /// province, city, county or town.
    pub level: String,
    /// Parent code (none for a province).
    pub parent_code: Option<String>,
}

/// A government.
#[derive(Debug, Serialize, ToSchema)]
pub struct GovernmentDto {
    /// Id.
    pub id: i64,
    /// Region code.
    pub region_code: String,
    /// Name.
    pub name: String,
    /// Parent government.
    pub parent_government_id: Option<i64>,
}

impl From<&store::Government> for GovernmentDto {
    fn from(g: &store::Government) -> Self {
        GovernmentDto {
            id: g.id,
            region_code: g.region_code.clone(),
            name: g.name.clone(),
            parent_government_id: g.parent_government_id,
        }
    }
}

/// A new government.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewGovernment {
    /// Region code.
    pub region_code: String,
    /// Name.
    pub name: String,
    /// Parent government.
    pub parent_government_id: Option<i64>,
}

/// A department.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentDto {
    /// Id within the government.
    pub id: i64,
    /// Government id.
    pub government_id: i64,
    /// Name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Parent department.
    pub parent_id: Option<i64>,
    /// Whether it is an enforcement body (执法主体).
    pub is_enforcement_body: bool,
    /// Legal basis for being one.
    pub enforcement_basis: String,
    /// Whether it is published on the portal.
    pub enforcement_published: bool,
}

impl From<&store::Department> for DepartmentDto {
    fn from(d: &store::Department) -> Self {
        DepartmentDto {
            id: d.id,
            government_id: d.government_id,
            name: d.name.clone(),
            short_name: d.short_name.clone(),
            parent_id: d.parent_id,
            is_enforcement_body: d.is_enforcement_body,
            enforcement_basis: d.enforcement_basis.clone(),
            enforcement_published: d.enforcement_published,
        }
    }
}

/// A new or edited department.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DepartmentBody {
    /// Name.
    pub name: String,
    /// Short name.
    #[serde(default)]
    pub short_name: String,
    /// Parent department (on creation only).
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// Whether it is an enforcement body.
    #[serde(default)]
    pub is_enforcement_body: bool,
    /// Legal basis (required for an enforcement body).
    #[serde(default)]
    pub enforcement_basis: String,
}

/// A new account; the initial password is generated and returned once.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUserRequest {
    /// User name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role code.
    pub role: String,
    /// Scope department.
    #[serde(default)]
    pub department_id: Option<i64>,
}

/// The new account and its initial password (shown once; it must be changed at first login).
#[derive(Debug, Serialize, ToSchema)]
pub struct NewUserResponse {
    /// The account.
    pub user: UserDto,
    /// Initial password.
    pub initial_password: String,
}

/// An audit record.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryDto {
    /// Id.
    pub id: i64,
    /// Time (unix ms, UTC).
    pub at: i64,
    /// Actor.
    pub actor_name: String,
    /// Action code.
    pub action: String,
    /// Target.
    pub target: String,
    /// Detail.
    pub detail: String,
    /// Client IP.
    pub client_ip: String,
}

/// A page of audit records.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    /// Total matching records.
    pub total: i64,
    /// This page.
    pub entries: Vec<AuditEntryDto>,
}

/// A published enforcement body.
#[derive(Debug, Serialize, ToSchema)]
pub struct EnforcementBodyDto {
    /// Government id.
    pub government_id: i64,
    /// Government name.
    pub government_name: String,
    /// Department id.
    pub department_id: i64,
    /// Name.
    pub name: String,
    /// Legal basis.
    pub enforcement_basis: String,
}

/// Health.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// "ok" or "unavailable".
    pub status: String,
    /// Engine name.
    pub database: String,
}

/// An officer (执法人员) and the certificate (执法证), as staff see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficerDto {
    /// Id within the government.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Department id.
    pub department_id: i64,
    /// Department name.
    pub department_name: String,
    /// Certificate number.
    pub certificate_number: String,
    /// Enforcement category.
    pub category: String,
    /// Issue date, `YYYY-MM-DD`.
    pub issued_on: String,
    /// Last day of validity, `YYYY-MM-DD`.
    pub expires_on: String,
    /// Recorded standing: in_force, suspended or revoked.
    pub standing: String,
    /// Status today: valid, not_yet_valid, suspended, revoked or expired.
    pub status: String,
    /// Status today in Chinese.
    pub status_label: String,
    /// Whether the certificate is valid and ends within 90 days.
    pub expiring: bool,
    /// Holds the legal-review qualification.
    pub legal_review_qualified: bool,
    /// Training hours this year.
    pub training_hours: u32,
}

/// A new or edited officer. On an edit the standing is ignored (use the standing endpoint).
#[derive(Debug, Deserialize, ToSchema)]
pub struct OfficerBody {
    /// Name.
    pub name: String,
    /// Department id (within the caller's scope).
    pub department_id: i64,
    /// Certificate number.
    pub certificate_number: String,
    /// Enforcement category.
    pub category: String,
    /// Issue date, e.g. `2024-01-31`.
    pub issued_on: String,
    /// Last day of validity.
    pub expires_on: String,
    /// Standing on creation: in_force (default), suspended or revoked.
    #[serde(default)]
    pub standing: String,
    /// Holds the legal-review qualification.
    #[serde(default)]
    pub legal_review_qualified: bool,
    /// Training hours this year.
    #[serde(default)]
    pub training_hours: u32,
}

/// A change of a certificate's standing.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StandingBody {
    /// in_force (restore), suspended or revoked.
    pub standing: String,
}

/// One page of the roster.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfficerPage {
    /// Officers matching the filter.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Officers per page.
    pub per_page: i64,
    /// The officers of this page.
    pub officers: Vec<OfficerDto>,
}

/// A certificate as the public may see it (执法证查询): no ids, no qualification data.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicCertificateDto {
    /// Holder's name.
    pub holder_name: String,
    /// Certificate number.
    pub certificate_number: String,
    /// The government the holder's unit belongs to.
    pub government_name: String,
    /// The holder's unit.
    pub department_name: String,
    /// Enforcement category.
    pub category: String,
    /// Issue date.
    pub issued_on: String,
    /// Last day of validity.
    pub expires_on: String,
    /// Status today: valid, not_yet_valid, suspended, revoked or expired.
    pub status: String,
    /// Status today in Chinese.
    pub status_label: String,
}

/// A power on the power list (权责清单).
#[derive(Debug, Serialize, ToSchema)]
pub struct PowerDto {
    /// Id within the government.
    pub id: i64,
    /// Government id.
    pub government_id: i64,
    /// 事项编码.
    pub code: String,
    /// 事项名称.
    pub name: String,
    /// Power type (处罚, 许可, 强制, 检查, 征收, 给付, 确认, 奖励, 裁决, 其他).
    pub power_type: String,
    /// Law of the legal basis, e.g. 《中华人民共和国食品安全法》.
    pub basis_law: String,
    /// Article of the legal basis, e.g. 第一百二十四条.
    pub basis_article: String,
    /// Department that exercises it.
    pub department_id: i64,
    /// Level that exercises it, e.g. 县级.
    pub level: String,
    /// Whether it is in force.
    pub in_force: bool,
}

impl From<&store::StoredPower> for PowerDto {
    fn from(p: &store::StoredPower) -> Self {
        PowerDto {
            id: p.id,
            government_id: p.government_id,
            code: p.code.clone(),
            name: p.name.clone(),
            power_type: p.power_type.label().to_owned(),
            basis_law: p.basis.law.clone(),
            basis_article: p.basis.article.clone(),
            department_id: p.department_id,
            level: p.level.clone(),
            in_force: p.in_force,
        }
    }
}

/// A page of the power list.
#[derive(Debug, Serialize, ToSchema)]
pub struct PowerPage {
    /// Number of powers matching the filter.
    pub total: i64,
    /// The powers of this page.
    pub items: Vec<PowerDto>,
}

/// One status event of a power.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusEventDto {
    /// 新增, 取消, 下放 or 承接.
    pub change: String,
    /// Effective date, `YYYY-MM-DD`.
    pub on: String,
    /// Document number.
    pub document_number: String,
}

/// One band of a discretion standard (amounts in fen).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BandDto {
    /// 不予处罚, 减轻, 从轻, 一般 or 从重.
    pub circumstance: String,
    /// Lowest fine, fen.
    pub min_fen: i64,
    /// Highest fine, fen.
    pub max_fen: i64,
    /// What the circumstance covers.
    #[serde(default)]
    pub description: String,
}

impl From<&domain::enforcement::power::Band> for BandDto {
    fn from(b: &domain::enforcement::power::Band) -> Self {
        BandDto {
            circumstance: b.circumstance.label().to_owned(),
            min_fen: b.min_fen,
            max_fen: b.max_fen,
            description: b.description.clone(),
        }
    }
}

/// A power with its status history and discretion standard.
#[derive(Debug, Serialize, ToSchema)]
pub struct PowerDetailDto {
    /// The power.
    pub power: PowerDto,
    /// Status history, oldest first.
    pub history: Vec<StatusEventDto>,
    /// Discretion bands, lightest circumstance first.
    pub bands: Vec<BandDto>,
}

/// A new or edited power. `added_on` and `document_number` (the 新增 event) are required on
/// creation and ignored on edit.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PowerBody {
    /// 事项编码.
    pub code: String,
    /// 事项名称.
    pub name: String,
    /// Power type, e.g. 处罚 or 行政处罚.
    pub power_type: String,
    /// 依据法律.
    pub basis_law: String,
    /// 依据条款.
    pub basis_article: String,
    /// Department id.
    pub department_id: i64,
    /// 行使层级.
    #[serde(default)]
    pub level: String,
    /// Effective date of the 新增 event, `YYYY-MM-DD`.
    #[serde(default)]
    pub added_on: String,
    /// Document number of the 新增 event.
    #[serde(default)]
    pub document_number: String,
}

/// A status change: 取消, 下放 or 承接 (新增 again after a cancellation is allowed too).
#[derive(Debug, Deserialize, ToSchema)]
pub struct StatusChangeBody {
    /// The change.
    pub change: String,
    /// Effective date, `YYYY-MM-DD`.
    pub on: String,
    /// Document number.
    pub document_number: String,
}

/// Bands to set on a power's discretion standard (a circumstance not given is kept).
#[derive(Debug, Deserialize, ToSchema)]
pub struct BandsBody {
    /// The bands.
    pub bands: Vec<BandDto>,
}

/// A proposed fine to check against the discretion standard (行政处罚法 第三十四条).
#[derive(Debug, Deserialize, ToSchema)]
pub struct FineCheckBody {
    /// Circumstance.
    pub circumstance: String,
    /// Proposed fine, fen.
    pub fine_fen: i64,
}

/// The fine is within its band.
#[derive(Debug, Serialize, ToSchema)]
pub struct FineCheckDto {
    /// Always true (a fine outside the band answers 422 citing 第三十四条).
    pub within: bool,
}

/// A published power of any government, with its discretion standard.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicPowerDto {
    /// Government id.
    pub government_id: i64,
    /// Government name.
    pub government_name: String,
    /// Department name.
    pub department_name: String,
    /// The power.
    pub power: PowerDto,
    /// Discretion bands.
    pub bands: Vec<BandDto>,
}
