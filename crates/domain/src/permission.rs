//! The permission matrix: which role may do what. Routes name an [`Action`]; the web layer asks
//! [`allows`] and a test walks every route with every role.

use crate::account::Role;

/// Something a user may be allowed to do. Each route needs exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// See the staff home page and one's own account.
    UseStaffArea,
    /// Read regions, governments and departments in scope.
    ViewOrganisation,
    /// Create and edit regions.
    ManageRegions,
    /// Create and edit governments.
    ManageGovernments,
    /// Create and edit departments.
    ManageDepartments,
    /// Publish or withdraw a department on the portal's list of enforcement bodies.
    PublishEnforcementBodies,
    /// Read user accounts.
    ViewUsers,
    /// Create accounts, reset passwords, unlock accounts.
    ManageUsers,
    /// Read the audit log.
    ViewAudit,
    /// Run the report review (审读) on annual reports, e.g. those of subordinate governments.
    ReviewReports,
    /// Import holiday tables into the working-day calendar.
    ManageCalendar,
    /// Read the roster of officers (执法人员) and their certificates (执法证) in scope: the whole
    /// government, or a department role's own department subtree.
    ViewOfficers,
    /// Add, edit and import officers and suspend, revoke or restore their certificates, within
    /// scope (a department's staff keep their own department's roster).
    ManageOfficers,
    /// Read the power list (权责清单) and its discretion standards (裁量基准): every staff role,
    /// since the list is published anyway and every officer acts under it.
    ViewPowers,
    /// Add, edit and change the status of powers and set discretion standards. Administrators and
    /// the legal-affairs office for the whole government; department staff only for powers of
    /// their own department (the handler checks the scope and answers 404 outside it).
    ManagePowers,
    /// Read penalty cases, their timeline and evidence: every role that answers for enforcement
    /// (department staff and reviewers within their scope; the legal-affairs office and leaders
    /// for the whole government).
    ViewCases,
    /// Register and conduct penalty cases, publish decisions and file major penalties
    /// (the handling department's staff).
    HandleCases,
    /// Record the legal review (法制审核) of a case (行政处罚法 第五十八条): the department's
    /// reviewers, and the legal-affairs office.
    ReviewCases,
    /// Keep a department's legal-review catalogue (审核目录).
    ManageReviewCatalogue,
    /// Supervise enforcement (行政执法监督): draw and score case-file reviews (案卷评查), issue and
    /// accept rectifications, send prompt and supervision letters (提示函、督办函). The
    /// legal-affairs office's duty; departments answer with [`Action::HandleCases`].
    SuperviseEnforcement,
    /// Read the indicators (指标): the dashboards, the records behind every figure, their
    /// exports, and the annual reports in preparation. Government-wide roles only.
    ViewIndicators,
    /// Draft and edit the annual report (法治政府建设年度报告): the legal-affairs office.
    DraftAnnualReport,
    /// Approve the annual report and publish it on the portal: the government's leaders.
    ApproveAnnualReport,
    /// Read the normative documents (行政规范性文件) of the government, drafts included: every
    /// staff role (the published ones are on the portal anyway).
    ViewNormativeDocuments,
    /// Draft normative documents, revise their text, hold the public comment and answer the
    /// comments, and send them to legality review: department staff (for their own department's
    /// issuing bodies and the government's) and administrators.
    DraftNormativeDocuments,
    /// Carry out the legality review (合法性审核): decide on each automatic finding and record the
    /// written opinion. The legal-affairs office (司法行政部门/法制机构) and administrators.
    ReviewNormativeDocuments,
    /// Keep the list of issuing bodies, record the collective deliberation, register, number and
    /// publish (三统一), file with the level above and record its filing review, renew, repeal,
    /// run clean-up campaigns and answer citizens' objections. The legal-affairs office and
    /// administrators.
    ManageNormativeDocuments,
}

impl Action {
    /// Every action, for the matrix test and the permissions page.
    pub const ALL: [Action; 27] = [
        Action::UseStaffArea,
        Action::ViewOrganisation,
        Action::ManageRegions,
        Action::ManageGovernments,
        Action::ManageDepartments,
        Action::PublishEnforcementBodies,
        Action::ViewUsers,
        Action::ManageUsers,
        Action::ViewAudit,
        Action::ReviewReports,
        Action::ManageCalendar,
        Action::ViewOfficers,
        Action::ManageOfficers,
        Action::ViewPowers,
        Action::ManagePowers,
        Action::ViewCases,
        Action::HandleCases,
        Action::ReviewCases,
        Action::ManageReviewCatalogue,
        Action::SuperviseEnforcement,
        Action::ViewIndicators,
        Action::DraftAnnualReport,
        Action::ApproveAnnualReport,
        Action::ViewNormativeDocuments,
        Action::DraftNormativeDocuments,
        Action::ReviewNormativeDocuments,
        Action::ManageNormativeDocuments,
    ];

    /// The Chinese name shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Action::UseStaffArea => "使用工作台",
            Action::ViewOrganisation => "查看机构",
            Action::ManageRegions => "管理行政区划",
            Action::ManageGovernments => "管理人民政府",
            Action::ManageDepartments => "管理部门",
            Action::PublishEnforcementBodies => "公示执法主体",
            Action::ViewUsers => "查看用户",
            Action::ManageUsers => "管理用户",
            Action::ViewAudit => "查看审计日志",
            Action::ReviewReports => "审读年度报告",
            Action::ManageCalendar => "维护工作日历",
            Action::ViewOfficers => "查看执法人员",
            Action::ManageOfficers => "管理执法人员",
            Action::ViewPowers => "查看权责清单",
            Action::ManagePowers => "管理权责清单",
            Action::ViewCases => "查看执法案件",
            Action::HandleCases => "办理执法案件",
            Action::ReviewCases => "法制审核",
            Action::ManageReviewCatalogue => "维护法制审核目录",
            Action::SuperviseEnforcement => "行政执法监督",
            Action::ViewIndicators => "查看指标与年度报告",
            Action::DraftAnnualReport => "起草年度报告",
            Action::ApproveAnnualReport => "审定并公开年度报告",
            Action::ViewNormativeDocuments => "查看规范性文件",
            Action::DraftNormativeDocuments => "起草规范性文件",
            Action::ReviewNormativeDocuments => "合法性审核",
            Action::ManageNormativeDocuments => "规范性文件登记备案与清理",
        }
    }
}

/// Whether `role` may perform `action` (within its organisation scope).
///
/// Separation of duties follows 等保 level 3 (GB/T 22239-2019 §8.1.4.2, 访问控制: "应授予管理用户所需的最小权限，
/// 实现管理用户的权限分离"): only administrators manage accounts; the legal-affairs office manages
/// the departments and the enforcement-body list it supervises; leaders read.
///
/// Officers: the legal-affairs office keeps the government's roster of officers and certificates
/// (it reviews enforcement qualification), and a department's staff keep their own department's
/// roster; every staff role may read the roster in its scope.
///
/// Indicators and the annual report: the legal-affairs office drafts the report from the
/// indicators, a leader approves it and has it published (督察工作规定: the government reports);
/// both read the indicators of the whole government. Department roles do not: the dashboards
/// compare departments.
pub fn allows(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        Role::Admin => true,
        Role::LegalOffice => matches!(
            action,
            UseStaffArea
                | ViewOrganisation
                | ManageDepartments
                | PublishEnforcementBodies
                | ViewAudit
                | ReviewReports
                | ViewOfficers
                | ManageOfficers
                | ViewPowers
                | ManagePowers
                | ViewCases
                | ReviewCases
                | ManageReviewCatalogue
                | SuperviseEnforcement
                | ViewIndicators
                | DraftAnnualReport
                | ViewNormativeDocuments
                | ReviewNormativeDocuments
                | ManageNormativeDocuments
        ),
        // Leaders read, and approve the annual report for publication: their one write.
        Role::Leader => matches!(
            action,
            UseStaffArea
                | ViewOrganisation
                | ViewAudit
                | ReviewReports
                | ViewOfficers
                | ViewPowers
                | ViewCases
                | ViewIndicators
                | ApproveAnnualReport
                | ViewNormativeDocuments
        ),
        // Department staff keep their own department's roster and power list; the handlers check the scope.
        Role::DepartmentStaff => matches!(
            action,
            UseStaffArea
                | ViewOrganisation
                | ViewOfficers
                | ManageOfficers
                | ViewPowers
                | ManagePowers
                | ViewCases
                | HandleCases
                | ManageReviewCatalogue
                | ViewNormativeDocuments
                | DraftNormativeDocuments
        ),
        Role::DepartmentReviewer => matches!(
            action,
            UseStaffArea
                | ViewOrganisation
                | ViewOfficers
                | ViewPowers
                | ViewCases
                | ReviewCases
                | ManageReviewCatalogue
                | ViewNormativeDocuments
        ),
        Role::LegalAdviser => matches!(
            action,
            UseStaffArea | ViewOrganisation | ViewOfficers | ViewPowers | ViewNormativeDocuments
        ),
    }
}

/// The organisation subtree a user acts within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The government (tenant) of the user.
    pub government_id: i64,
    /// `None`: the whole government. `Some(d)`: department `d` and the departments under it.
    pub department_id: Option<i64>,
}

impl Scope {
    /// Whether a department is inside this scope, given its chain of ancestors (nearest first).
    pub fn covers_department(&self, department_id: i64, ancestors: &[i64]) -> bool {
        match self.department_id {
            None => true,
            Some(root) => root == department_id || ancestors.contains(&root),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admin_manages_accounts() {
        for role in Role::ALL {
            assert_eq!(
                allows(role, Action::ManageUsers),
                role == Role::Admin,
                "{role:?}"
            );
        }
    }

    #[test]
    fn leader_reads_but_changes_nothing() {
        for action in Action::ALL {
            let write = matches!(
                action,
                Action::ManageRegions
                    | Action::ManageGovernments
                    | Action::ManageDepartments
                    | Action::PublishEnforcementBodies
                    | Action::ManageUsers
                    | Action::ManageOfficers
                    | Action::ManagePowers
                    | Action::HandleCases
                    | Action::ReviewCases
                    | Action::ManageReviewCatalogue
                    | Action::SuperviseEnforcement
            );
            if write {
                assert!(!allows(Role::Leader, action), "{action:?}");
            }
        }
    }

    #[test]
    fn every_role_reads_officers_and_few_manage_them() {
        for role in Role::ALL {
            assert!(allows(role, Action::ViewOfficers), "{role:?}");
            assert_eq!(
                allows(role, Action::ManageOfficers),
                matches!(
                    role,
                    Role::Admin | Role::LegalOffice | Role::DepartmentStaff
                ),
                "{role:?}"
            );
        }
    }

    #[test]
    fn every_role_views_the_power_list_and_few_manage_it() {
        assert!(Role::ALL.iter().all(|&r| allows(r, Action::ViewPowers)));
        let managers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|&r| allows(r, Action::ManagePowers))
            .collect();
        assert_eq!(
            managers,
            vec![Role::Admin, Role::LegalOffice, Role::DepartmentStaff]
        );
    }

    #[test]
    fn the_handler_of_a_case_is_not_its_reviewer_art_58() {
        // 第五十八条: the review is made by 法制审核人员, not by the officers who investigated.
        for role in Role::ALL {
            if role != Role::Admin {
                assert!(
                    !(allows(role, Action::HandleCases) && allows(role, Action::ReviewCases)),
                    "{role:?}"
                );
            }
        }
        assert!(allows(Role::DepartmentReviewer, Action::ReviewCases));
        assert!(!allows(Role::Leader, Action::HandleCases));
    }

    #[test]
    fn only_the_legal_affairs_office_supervises_and_departments_answer() {
        let supervisors: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|&r| allows(r, Action::SuperviseEnforcement))
            .collect();
        assert_eq!(supervisors, vec![Role::Admin, Role::LegalOffice]);
        // The supervised department answers letters and rectifications and conducts inspections.
        assert!(allows(Role::DepartmentStaff, Action::HandleCases));
        assert!(!allows(Role::DepartmentStaff, Action::SuperviseEnforcement));
        // Nobody but an administrator both supervises and handles cases: the reviewer of a case
        // file is not its handler.
        for role in Role::ALL {
            if role != Role::Admin {
                assert!(
                    !(allows(role, Action::SuperviseEnforcement)
                        && allows(role, Action::HandleCases)),
                    "{role:?}"
                );
            }
        }
    }

    #[test]
    fn the_office_drafts_the_annual_report_and_a_leader_approves_it() {
        for role in Role::ALL {
            assert_eq!(
                allows(role, Action::DraftAnnualReport),
                matches!(role, Role::Admin | Role::LegalOffice),
                "{role:?}"
            );
            assert_eq!(
                allows(role, Action::ApproveAnnualReport),
                matches!(role, Role::Admin | Role::Leader),
                "{role:?}"
            );
            assert_eq!(
                allows(role, Action::ViewIndicators),
                matches!(role, Role::Admin | Role::LegalOffice | Role::Leader),
                "{role:?}"
            );
        }
        // The one who drafts is not the one who approves.
        assert!(!allows(Role::LegalOffice, Action::ApproveAnnualReport));
        assert!(!allows(Role::Leader, Action::DraftAnnualReport));
    }

    #[test]
    fn every_role_uses_the_staff_area() {
        assert!(Role::ALL.iter().all(|&r| allows(r, Action::UseStaffArea)));
    }

    #[test]
    fn department_scope_covers_its_subtree() {
        let scope = Scope {
            government_id: 1,
            department_id: Some(5),
        };
        assert!(scope.covers_department(5, &[]));
        assert!(scope.covers_department(7, &[6, 5]));
        assert!(!scope.covers_department(8, &[2]));
        let whole = Scope {
            government_id: 1,
            department_id: None,
        };
        assert!(whole.covers_department(8, &[]));
    }

    #[test]
    fn normative_documents_drafter_is_never_the_legal_reviewer() {
        // 起草 and 合法性审核 are separate duties (国办发〔2018〕115号): no role but the
        // administrator holds both.
        for role in Role::ALL {
            assert!(allows(role, Action::ViewNormativeDocuments), "{role:?}");
            let both = allows(role, Action::DraftNormativeDocuments)
                && allows(role, Action::ReviewNormativeDocuments);
            assert_eq!(both, role == Role::Admin, "{role:?}");
        }
        let managers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|&r| allows(r, Action::ManageNormativeDocuments))
            .collect();
        assert_eq!(managers, vec![Role::Admin, Role::LegalOffice]);
    }
}
