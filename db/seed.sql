-- Demo agency: DotCollective, a 30-person Melbourne digital agency. Loaded by npm run db:seed.
-- Ids are readable slugs so tests and docs can name records.
PRAGMA defer_foreign_keys = on;
INSERT OR REPLACE INTO org_settings (key, value) VALUES ('timezone','Australia/Melbourne'),('holiday_state','AU-VIC');
INSERT OR REPLACE INTO tool_permissions (id, tool, access_level, can_view, can_update, can_manage) VALUES
  ('tp-executive-people','people','executive',1,1,1),
  ('tp-executive-onboarding','onboarding','executive',1,1,1),
  ('tp-executive-templates','templates','executive',1,1,1),
  ('tp-executive-documents','documents','executive',1,1,1),
  ('tp-executive-squads','squads','executive',1,1,1),
  ('tp-executive-leave','leave','executive',1,1,1),
  ('tp-executive-holidays','holidays','executive',1,1,1),
  ('tp-executive-payroll','payroll','executive',1,1,1),
  ('tp-executive-objectives','objectives','executive',1,1,1),
  ('tp-executive-scorecards','scorecards','executive',1,1,1),
  ('tp-executive-reviews','reviews','executive',1,1,1),
  ('tp-executive-announcements','announcements','executive',1,1,1),
  ('tp-executive-calendar','calendar','executive',1,1,1),
  ('tp-executive-events','events','executive',1,1,1),
  ('tp-executive-wiki','wiki','executive',1,1,1),
  ('tp-executive-notifications','notifications','executive',1,1,1),
  ('tp-executive-action-centre','action-centre','executive',1,1,1),
  ('tp-executive-companies','companies','executive',1,1,1),
  ('tp-executive-contacts','contacts','executive',1,1,1),
  ('tp-executive-relationships','relationships','executive',1,1,1),
  ('tp-executive-emails','emails','executive',1,1,1),
  ('tp-executive-meetings','meetings','executive',1,1,1),
  ('tp-executive-deals','deals','executive',1,1,1),
  ('tp-executive-contracts','contracts','executive',1,1,1),
  ('tp-executive-proposals','proposals','executive',1,1,1),
  ('tp-executive-recruitment','recruitment','executive',1,1,1),
  ('tp-executive-projects','projects','executive',1,1,1),
  ('tp-executive-tasks','tasks','executive',1,1,1),
  ('tp-executive-sprints','sprints','executive',1,1,1),
  ('tp-executive-roadmaps','roadmaps','executive',1,1,1),
  ('tp-executive-sla','sla','executive',1,1,1),
  ('tp-executive-agents','agents','executive',1,1,1),
  ('tp-executive-budgets','budgets','executive',1,1,1),
  ('tp-executive-invoices','invoices','executive',1,1,1),
  ('tp-executive-time','time','executive',1,1,1),
  ('tp-executive-resourcing','resourcing','executive',1,1,1),
  ('tp-executive-clients','clients','executive',1,1,1),
  ('tp-executive-portal','portal','executive',1,1,1),
  ('tp-executive-config-lists','config-lists','executive',1,1,1),
  ('tp-executive-custom-fields','custom-fields','executive',1,1,1),
  ('tp-executive-admin','admin','executive',1,1,1),
  ('tp-head-people','people','head',1,1,0),
  ('tp-head-onboarding','onboarding','head',1,1,0),
  ('tp-head-templates','templates','head',1,0,0),
  ('tp-head-documents','documents','head',1,1,0),
  ('tp-head-squads','squads','head',1,1,1),
  ('tp-head-leave','leave','head',1,1,0),
  ('tp-head-holidays','holidays','head',1,0,0),
  ('tp-head-payroll','payroll','head',1,0,0),
  ('tp-head-objectives','objectives','head',1,1,0),
  ('tp-head-scorecards','scorecards','head',1,1,0),
  ('tp-head-reviews','reviews','head',1,1,0),
  ('tp-head-announcements','announcements','head',1,1,1),
  ('tp-head-calendar','calendar','head',1,1,0),
  ('tp-head-events','events','head',1,1,0),
  ('tp-head-wiki','wiki','head',1,1,0),
  ('tp-head-notifications','notifications','head',1,1,0),
  ('tp-head-action-centre','action-centre','head',1,1,0),
  ('tp-head-companies','companies','head',1,1,0),
  ('tp-head-contacts','contacts','head',1,1,0),
  ('tp-head-relationships','relationships','head',1,1,0),
  ('tp-head-emails','emails','head',1,1,0),
  ('tp-head-meetings','meetings','head',1,1,0),
  ('tp-head-deals','deals','head',1,1,1),
  ('tp-head-contracts','contracts','head',1,1,1),
  ('tp-head-proposals','proposals','head',1,1,1),
  ('tp-head-recruitment','recruitment','head',1,1,1),
  ('tp-head-projects','projects','head',1,1,1),
  ('tp-head-tasks','tasks','head',1,1,1),
  ('tp-head-sprints','sprints','head',1,1,1),
  ('tp-head-roadmaps','roadmaps','head',1,1,1),
  ('tp-head-sla','sla','head',1,1,1),
  ('tp-head-agents','agents','head',1,1,0),
  ('tp-head-budgets','budgets','head',1,1,0),
  ('tp-head-invoices','invoices','head',1,1,0),
  ('tp-head-time','time','head',1,1,0),
  ('tp-head-resourcing','resourcing','head',1,1,1),
  ('tp-head-clients','clients','head',1,1,1),
  ('tp-head-portal','portal','head',1,0,0),
  ('tp-head-config-lists','config-lists','head',0,0,0),
  ('tp-head-custom-fields','custom-fields','head',0,0,0),
  ('tp-head-admin','admin','head',0,0,0),
  ('tp-manager-people','people','manager',1,0,0),
  ('tp-manager-onboarding','onboarding','manager',1,1,0),
  ('tp-manager-templates','templates','manager',1,0,0),
  ('tp-manager-documents','documents','manager',1,1,0),
  ('tp-manager-squads','squads','manager',1,0,0),
  ('tp-manager-leave','leave','manager',1,1,0),
  ('tp-manager-holidays','holidays','manager',1,0,0),
  ('tp-manager-payroll','payroll','manager',1,0,0),
  ('tp-manager-objectives','objectives','manager',1,0,0),
  ('tp-manager-scorecards','scorecards','manager',1,1,0),
  ('tp-manager-reviews','reviews','manager',1,1,0),
  ('tp-manager-announcements','announcements','manager',1,0,0),
  ('tp-manager-calendar','calendar','manager',1,1,0),
  ('tp-manager-events','events','manager',1,1,0),
  ('tp-manager-wiki','wiki','manager',1,1,0),
  ('tp-manager-notifications','notifications','manager',1,1,0),
  ('tp-manager-action-centre','action-centre','manager',1,1,0),
  ('tp-manager-companies','companies','manager',1,1,0),
  ('tp-manager-contacts','contacts','manager',1,1,0),
  ('tp-manager-relationships','relationships','manager',1,1,0),
  ('tp-manager-emails','emails','manager',1,1,0),
  ('tp-manager-meetings','meetings','manager',1,1,0),
  ('tp-manager-deals','deals','manager',1,1,0),
  ('tp-manager-contracts','contracts','manager',1,1,0),
  ('tp-manager-proposals','proposals','manager',1,1,0),
  ('tp-manager-recruitment','recruitment','manager',1,1,0),
  ('tp-manager-projects','projects','manager',1,1,0),
  ('tp-manager-tasks','tasks','manager',1,1,0),
  ('tp-manager-sprints','sprints','manager',1,1,0),
  ('tp-manager-roadmaps','roadmaps','manager',1,1,0),
  ('tp-manager-sla','sla','manager',1,1,0),
  ('tp-manager-agents','agents','manager',1,1,0),
  ('tp-manager-budgets','budgets','manager',1,0,0),
  ('tp-manager-invoices','invoices','manager',1,0,0),
  ('tp-manager-time','time','manager',1,1,0),
  ('tp-manager-resourcing','resourcing','manager',1,1,0),
  ('tp-manager-clients','clients','manager',1,1,0),
  ('tp-manager-portal','portal','manager',0,0,0),
  ('tp-manager-config-lists','config-lists','manager',0,0,0),
  ('tp-manager-custom-fields','custom-fields','manager',0,0,0),
  ('tp-manager-admin','admin','manager',0,0,0),
  ('tp-lead-people','people','lead',1,0,0),
  ('tp-lead-onboarding','onboarding','lead',1,1,0),
  ('tp-lead-templates','templates','lead',0,0,0),
  ('tp-lead-documents','documents','lead',1,0,0),
  ('tp-lead-squads','squads','lead',1,0,0),
  ('tp-lead-leave','leave','lead',1,1,0),
  ('tp-lead-holidays','holidays','lead',1,0,0),
  ('tp-lead-payroll','payroll','lead',1,0,0),
  ('tp-lead-objectives','objectives','lead',1,0,0),
  ('tp-lead-scorecards','scorecards','lead',1,1,0),
  ('tp-lead-reviews','reviews','lead',1,1,0),
  ('tp-lead-announcements','announcements','lead',1,0,0),
  ('tp-lead-calendar','calendar','lead',1,1,0),
  ('tp-lead-events','events','lead',1,1,0),
  ('tp-lead-wiki','wiki','lead',1,1,0),
  ('tp-lead-notifications','notifications','lead',1,1,0),
  ('tp-lead-action-centre','action-centre','lead',1,1,0),
  ('tp-lead-companies','companies','lead',1,0,0),
  ('tp-lead-contacts','contacts','lead',1,0,0),
  ('tp-lead-relationships','relationships','lead',1,0,0),
  ('tp-lead-emails','emails','lead',1,0,0),
  ('tp-lead-meetings','meetings','lead',1,0,0),
  ('tp-lead-deals','deals','lead',1,0,0),
  ('tp-lead-contracts','contracts','lead',0,0,0),
  ('tp-lead-proposals','proposals','lead',0,0,0),
  ('tp-lead-recruitment','recruitment','lead',0,0,0),
  ('tp-lead-projects','projects','lead',1,0,0),
  ('tp-lead-tasks','tasks','lead',1,1,0),
  ('tp-lead-sprints','sprints','lead',1,0,0),
  ('tp-lead-roadmaps','roadmaps','lead',1,0,0),
  ('tp-lead-sla','sla','lead',1,0,0),
  ('tp-lead-agents','agents','lead',0,0,0),
  ('tp-lead-budgets','budgets','lead',0,0,0),
  ('tp-lead-invoices','invoices','lead',0,0,0),
  ('tp-lead-time','time','lead',1,1,0),
  ('tp-lead-resourcing','resourcing','lead',0,0,0),
  ('tp-lead-clients','clients','lead',1,0,0),
  ('tp-lead-portal','portal','lead',0,0,0),
  ('tp-lead-config-lists','config-lists','lead',0,0,0),
  ('tp-lead-custom-fields','custom-fields','lead',0,0,0),
  ('tp-lead-admin','admin','lead',0,0,0),
  ('tp-employee-people','people','employee',1,0,0),
  ('tp-employee-onboarding','onboarding','employee',1,1,0),
  ('tp-employee-templates','templates','employee',0,0,0),
  ('tp-employee-documents','documents','employee',1,0,0),
  ('tp-employee-squads','squads','employee',1,0,0),
  ('tp-employee-leave','leave','employee',1,1,0),
  ('tp-employee-holidays','holidays','employee',1,0,0),
  ('tp-employee-payroll','payroll','employee',1,0,0),
  ('tp-employee-objectives','objectives','employee',1,0,0),
  ('tp-employee-scorecards','scorecards','employee',1,1,0),
  ('tp-employee-reviews','reviews','employee',1,1,0),
  ('tp-employee-announcements','announcements','employee',1,0,0),
  ('tp-employee-calendar','calendar','employee',1,1,0),
  ('tp-employee-events','events','employee',1,1,0),
  ('tp-employee-wiki','wiki','employee',1,1,0),
  ('tp-employee-notifications','notifications','employee',1,1,0),
  ('tp-employee-action-centre','action-centre','employee',1,1,0),
  ('tp-employee-companies','companies','employee',0,0,0),
  ('tp-employee-contacts','contacts','employee',0,0,0),
  ('tp-employee-relationships','relationships','employee',0,0,0),
  ('tp-employee-emails','emails','employee',0,0,0),
  ('tp-employee-meetings','meetings','employee',0,0,0),
  ('tp-employee-deals','deals','employee',0,0,0),
  ('tp-employee-contracts','contracts','employee',0,0,0),
  ('tp-employee-proposals','proposals','employee',0,0,0),
  ('tp-employee-recruitment','recruitment','employee',0,0,0),
  ('tp-employee-projects','projects','employee',1,0,0),
  ('tp-employee-tasks','tasks','employee',1,1,0),
  ('tp-employee-sprints','sprints','employee',1,0,0),
  ('tp-employee-roadmaps','roadmaps','employee',1,0,0),
  ('tp-employee-sla','sla','employee',0,0,0),
  ('tp-employee-agents','agents','employee',0,0,0),
  ('tp-employee-budgets','budgets','employee',0,0,0),
  ('tp-employee-invoices','invoices','employee',0,0,0),
  ('tp-employee-time','time','employee',1,1,0),
  ('tp-employee-resourcing','resourcing','employee',0,0,0),
  ('tp-employee-clients','clients','employee',0,0,0),
  ('tp-employee-portal','portal','employee',0,0,0),
  ('tp-employee-config-lists','config-lists','employee',0,0,0),
  ('tp-employee-custom-fields','custom-fields','employee',0,0,0),
  ('tp-employee-admin','admin','employee',0,0,0);
INSERT OR REPLACE INTO users (id, email, name, job_title, pronunciation, access_level, onboarding_template_id, last_login_at) VALUES
  ('user-olivia-bennett','olivia.bennett@dotcollective.com.au','Olivia Bennett','Chief Executive Officer',NULL,'executive','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-james-nguyen','james.nguyen@dotcollective.com.au','James Nguyen','Chief Operating Officer','NWIN','executive','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-priya-raman','priya.raman@dotcollective.com.au','Priya Raman','Head of Delivery','PREE-ya RAH-mun','head','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-marcus-lee','marcus.lee@dotcollective.com.au','Marcus Lee','Head of Growth',NULL,'head','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-sophie-walker','sophie.walker@dotcollective.com.au','Sophie Walker','Head of People & Culture',NULL,'head','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-tom-fletcher','tom.fletcher@dotcollective.com.au','Tom Fletcher','Delivery Manager',NULL,'manager','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-aisha-khan','aisha.khan@dotcollective.com.au','Aisha Khan','Delivery Manager','EYE-sha KAHN','manager','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-daniel-costa','daniel.costa@dotcollective.com.au','Daniel Costa','Engineering Manager',NULL,'manager','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-emily-chen','emily.chen@dotcollective.com.au','Emily Chen','Sales Manager',NULL,'manager','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-hannah-wright','hannah.wright@dotcollective.com.au','Hannah Wright','Finance Manager',NULL,'manager','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-grace-obrien','grace.obrien@dotcollective.com.au','Grace O''Brien','People & Culture Manager',NULL,'manager','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-liam-murphy','liam.murphy@dotcollective.com.au','Liam Murphy','Technical Lead',NULL,'lead','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-chloe-martin','chloe.martin@dotcollective.com.au','Chloe Martin','Senior Developer',NULL,'employee','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-ethan-brown','ethan.brown@dotcollective.com.au','Ethan Brown','Developer',NULL,'employee','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-noah-wilson','noah.wilson@dotcollective.com.au','Noah Wilson','Developer',NULL,'employee','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-mia-taylor','mia.taylor@dotcollective.com.au','Mia Taylor','Technical Lead',NULL,'lead','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-zara-ahmed','zara.ahmed@dotcollective.com.au','Zara Ahmed','Frontend Developer','ZAH-ra AH-med','employee','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-lucas-rossi','lucas.rossi@dotcollective.com.au','Lucas Rossi','Project Manager','LOO-kas ROSS-ee','lead','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-ava-jones','ava.jones@dotcollective.com.au','Ava Jones','Digital Producer',NULL,'employee','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-isla-thompson','isla.thompson@dotcollective.com.au','Isla Thompson','UX Designer','EYE-la','employee','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-oliver-smith','oliver.smith@dotcollective.com.au','Oliver Smith','Project Manager',NULL,'lead','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-ruby-davies','ruby.davies@dotcollective.com.au','Ruby Davies','Content Strategist',NULL,'employee','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-jack-harris','jack.harris@dotcollective.com.au','Jack Harris','SEO Specialist',NULL,'employee','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-leo-kim','leo.kim@dotcollective.com.au','Leo Kim','Performance Marketer',NULL,'employee','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-sienna-clarke','sienna.clarke@dotcollective.com.au','Sienna Clarke','Retail Account Lead',NULL,'lead','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-max-patel','max.patel@dotcollective.com.au','Max Patel','Shopify Developer',NULL,'employee','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-ella-white','ella.white@dotcollective.com.au','Ella White','Business Development Executive',NULL,'employee','tpl-onb-common','2024-01-01T00:00:00Z'),
  ('user-henry-scott','henry.scott@dotcollective.com.au','Henry Scott','Account Executive',NULL,'employee','tpl-onb-common','2024-01-01T00:00:00Z');
INSERT OR REPLACE INTO people (id, productive_id, user_id, first_name, last_name, email, title, manager_id, squad, pronunciation, start_date, employment_status, employment_basis, location, mobile, gender, date_of_birth, weekly_capacity_hours, billable_target_percent, synced_at) VALUES
  ('olivia-bennett','prod-olivia-bennett','user-olivia-bennett','Olivia','Bennett','olivia.bennett@dotcollective.com.au','Chief Executive Officer',NULL,NULL,NULL,'2014-03-03','active','full_time','Melbourne, VIC','0494971320','female','1979-06-14',38,50,'2026-11-25T00:00:00Z'),
  ('james-nguyen','prod-james-nguyen','user-james-nguyen','James','Nguyen','james.nguyen@dotcollective.com.au','Chief Operating Officer','olivia-bennett',NULL,'NWIN','2015-07-13','active','full_time','Melbourne, VIC','0498086060','male','1982-02-02',38,50,'2026-11-25T00:00:00Z'),
  ('priya-raman','prod-priya-raman','user-priya-raman','Priya','Raman','priya.raman@dotcollective.com.au','Head of Delivery','olivia-bennett',NULL,'PREE-ya RAH-mun','2016-01-18','active','full_time','Melbourne, VIC','0403753374','female','1985-09-30',38,50,'2026-11-25T00:00:00Z'),
  ('marcus-lee','prod-marcus-lee','user-marcus-lee','Marcus','Lee','marcus.lee@dotcollective.com.au','Head of Growth','olivia-bennett',NULL,NULL,'2017-05-08','active','full_time','Melbourne, VIC','0499110107','male','1984-11-11',38,50,'2026-11-25T00:00:00Z'),
  ('sophie-walker','prod-sophie-walker','user-sophie-walker','Sophie','Walker','sophie.walker@dotcollective.com.au','Head of People & Culture','olivia-bennett',NULL,NULL,'2018-02-12','active','full_time','Melbourne, VIC','0477669548','female','1987-04-21',38,50,'2026-11-25T00:00:00Z'),
  ('tom-fletcher','prod-tom-fletcher','user-tom-fletcher','Tom','Fletcher','tom.fletcher@dotcollective.com.au','Delivery Manager','priya-raman','Apollo',NULL,'2018-08-20','active','full_time','Melbourne, VIC','0471466137','male','1988-03-05',38,50,'2026-11-25T00:00:00Z'),
  ('aisha-khan','prod-aisha-khan','user-aisha-khan','Aisha','Khan','aisha.khan@dotcollective.com.au','Delivery Manager','priya-raman','Nova','EYE-sha KAHN','2019-03-04','active','full_time','Melbourne, VIC','0417818825','female','1990-12-19',38,50,'2026-11-25T00:00:00Z'),
  ('daniel-costa','prod-daniel-costa','user-daniel-costa','Daniel','Costa','daniel.costa@dotcollective.com.au','Engineering Manager','priya-raman','Apex',NULL,'2017-10-02','active','full_time','Melbourne, VIC','0400690461','male','1986-07-07',38,50,'2026-11-25T00:00:00Z'),
  ('emily-chen','prod-emily-chen','user-emily-chen','Emily','Chen','emily.chen@dotcollective.com.au','Sales Manager','marcus-lee',NULL,NULL,'2019-06-17','active','full_time','Melbourne, VIC','0432629286','female','1989-01-26',38,50,'2026-11-25T00:00:00Z'),
  ('hannah-wright','prod-hannah-wright','user-hannah-wright','Hannah','Wright','hannah.wright@dotcollective.com.au','Finance Manager','james-nguyen',NULL,NULL,'2018-11-05','active','full_time','Melbourne, VIC','0490446620','female','1983-08-08',38,50,'2026-11-25T00:00:00Z'),
  ('grace-obrien','prod-grace-obrien','user-grace-obrien','Grace','O''Brien','grace.obrien@dotcollective.com.au','People & Culture Manager','sophie-walker',NULL,NULL,'2020-01-20','active','part_time','Melbourne, VIC','0403132633','female','1991-05-02',22.8,50,'2026-11-25T00:00:00Z'),
  ('liam-murphy','prod-liam-murphy','user-liam-murphy','Liam','Murphy','liam.murphy@dotcollective.com.au','Technical Lead','daniel-costa','Apex',NULL,'2019-09-09','active','full_time','Melbourne, VIC','0493466239','male','1992-10-10',38,80,'2026-11-25T00:00:00Z'),
  ('chloe-martin','prod-chloe-martin','user-chloe-martin','Chloe','Martin','chloe.martin@dotcollective.com.au','Senior Developer','liam-murphy','Apex',NULL,'2020-04-14','active','full_time','Melbourne, VIC','0410582177','female','1994-02-14',38,80,'2026-11-25T00:00:00Z'),
  ('ethan-brown','prod-ethan-brown','user-ethan-brown','Ethan','Brown','ethan.brown@dotcollective.com.au','Developer','liam-murphy','Apex',NULL,'2022-02-07','active','full_time','Melbourne, VIC','0453882123','male','1997-12-01',38,80,'2026-11-25T00:00:00Z'),
  ('noah-wilson','prod-noah-wilson','user-noah-wilson','Noah','Wilson','noah.wilson@dotcollective.com.au','Developer','daniel-costa','Odyssey',NULL,'2023-05-15','active','full_time','Melbourne, VIC','0441140240','male','1998-06-30',38,80,'2026-11-25T00:00:00Z'),
  ('mia-taylor','prod-mia-taylor','user-mia-taylor','Mia','Taylor','mia.taylor@dotcollective.com.au','Technical Lead','daniel-costa','Odyssey',NULL,'2019-11-25','active','full_time','Melbourne, VIC','0447562111','female','1991-03-17',38,80,'2026-11-25T00:00:00Z'),
  ('zara-ahmed','prod-zara-ahmed','user-zara-ahmed','Zara','Ahmed','zara.ahmed@dotcollective.com.au','Frontend Developer','mia-taylor','Odyssey','ZAH-ra AH-med','2021-08-02','active','full_time','Melbourne, VIC','0491558237','female','1996-09-09',38,80,'2026-11-25T00:00:00Z'),
  ('lucas-rossi','prod-lucas-rossi','user-lucas-rossi','Lucas','Rossi','lucas.rossi@dotcollective.com.au','Project Manager','tom-fletcher','Apollo','LOO-kas ROSS-ee','2020-07-06','active','full_time','Melbourne, VIC','0429809174','male','1990-01-12',38,80,'2026-11-25T00:00:00Z'),
  ('ava-jones','prod-ava-jones','user-ava-jones','Ava','Jones','ava.jones@dotcollective.com.au','Digital Producer','tom-fletcher','Apollo',NULL,'2021-10-11','active','full_time','Melbourne, VIC','0414106147','female','1995-11-23',38,80,'2026-11-25T00:00:00Z'),
  ('isla-thompson','prod-isla-thompson','user-isla-thompson','Isla','Thompson','isla.thompson@dotcollective.com.au','UX Designer','lucas-rossi','Apollo','EYE-la','2022-06-20','active','full_time','Melbourne, VIC','0408167838','female','1996-04-04',38,80,'2026-11-25T00:00:00Z'),
  ('oliver-smith','prod-oliver-smith','user-oliver-smith','Oliver','Smith','oliver.smith@dotcollective.com.au','Project Manager','aisha-khan','Nova',NULL,'2020-02-24','active','full_time','Melbourne, VIC','0478788200','male','1989-08-28',38,80,'2026-11-25T00:00:00Z'),
  ('ruby-davies','prod-ruby-davies','user-ruby-davies','Ruby','Davies','ruby.davies@dotcollective.com.au','Content Strategist','aisha-khan','Nova',NULL,'2022-09-05','active','part_time','Melbourne, VIC','0467869715','female','1993-07-19',22.8,80,'2026-11-25T00:00:00Z'),
  ('jack-harris','prod-jack-harris','user-jack-harris','Jack','Harris','jack.harris@dotcollective.com.au','SEO Specialist','oliver-smith','Nova',NULL,'2023-01-16','active','full_time','Melbourne, VIC','0460698907','male','1997-05-25',38,80,'2026-11-25T00:00:00Z'),
  ('leo-kim','prod-leo-kim','user-leo-kim','Leo','Kim','leo.kim@dotcollective.com.au','Performance Marketer','aisha-khan','Ultra',NULL,'2021-03-29','active','full_time','Melbourne, VIC','0402265821','male','1994-10-03',38,80,'2026-11-25T00:00:00Z'),
  ('sienna-clarke','prod-sienna-clarke','user-sienna-clarke','Sienna','Clarke','sienna.clarke@dotcollective.com.au','Retail Account Lead','tom-fletcher','Retail',NULL,'2020-11-09','active','full_time','Melbourne, VIC','0422074451','female','1992-12-12',38,80,'2026-11-25T00:00:00Z'),
  ('max-patel','prod-max-patel','user-max-patel','Max','Patel','max.patel@dotcollective.com.au','Shopify Developer','sienna-clarke','Retail',NULL,'2022-03-21','active','contractor','Melbourne, VIC','0478007724','male','1995-02-27',38,80,'2026-11-25T00:00:00Z'),
  ('ella-white','prod-ella-white','user-ella-white','Ella','White','ella.white@dotcollective.com.au','Business Development Executive','emily-chen',NULL,NULL,'2021-05-10','active','full_time','Melbourne, VIC','0428447730','female','1995-08-15',38,80,'2026-11-25T00:00:00Z'),
  ('henry-scott','prod-henry-scott','user-henry-scott','Henry','Scott','henry.scott@dotcollective.com.au','Account Executive','emily-chen',NULL,NULL,'2023-08-28','active','full_time','Melbourne, VIC','0486282450','male','1998-03-03',38,80,'2026-11-25T00:00:00Z'),
  ('amelia-young','prod-amelia-young',NULL,'Amelia','Young','amelia.young@dotcollective.com.au','Bookkeeper','hannah-wright',NULL,NULL,'2022-11-14','active','casual','Melbourne, VIC','0465258658','female','1990-06-06',38,80,'2026-11-25T00:00:00Z'),
  ('kai-robinson','prod-kai-robinson',NULL,'Kai','Robinson','kai.robinson@dotcollective.com.au','Data Analyst','daniel-costa','Polaris',NULL,'2026-11-02','active','full_time','Melbourne, VIC','0448863437','non-binary','1999-01-31',38,80,'2026-11-25T00:00:00Z');
INSERT OR REPLACE INTO squads (id, name, color, dm_person_id, tech_lead_person_id, kickoff_day, kickoff_time, focus_note) VALUES
  ('squad-apollo','Apollo','#2563eb','tom-fletcher','lucas-rossi',1,'09:30','Brand and web builds for enterprise clients'),
  ('squad-apex','Apex','#7c3aed','daniel-costa','liam-murphy',1,'09:30','Platform engineering and integrations'),
  ('squad-nova','Nova','#db2777','aisha-khan','oliver-smith',1,'09:30','Content, SEO and organic growth'),
  ('squad-odyssey','Odyssey','#0891b2','daniel-costa','mia-taylor',2,'09:30','Product squads for SaaS clients'),
  ('squad-ultra','Ultra','#ea580c','aisha-khan','leo-kim',2,'09:30','Paid media and performance'),
  ('squad-retail','Retail','#16a34a','tom-fletcher','sienna-clarke',3,'09:30','Shopify and commerce retainers'),
  ('squad-polaris','Polaris','#475569','daniel-costa',NULL,3,'09:30','Data, analytics and reporting');
INSERT OR REPLACE INTO daily_quotes (id, text, author) VALUES
  ('quote-01','The secret of getting ahead is getting started.','Mark Twain'),
  ('quote-02','Quality is not an act, it is a habit.','Aristotle'),
  ('quote-03','Simplicity is prerequisite for reliability.','Edsger W. Dijkstra'),
  ('quote-04','Alone we can do so little; together we can do so much.','Helen Keller'),
  ('quote-05','Make it work, make it right, make it fast.','Kent Beck'),
  ('quote-06','The best way to predict the future is to invent it.','Alan Kay'),
  ('quote-07','What gets measured gets managed.','Peter Drucker'),
  ('quote-08','Done is better than perfect.','Sheryl Sandberg'),
  ('quote-09','Clients do not care how much you know until they know how much you care.','Theodore Roosevelt'),
  ('quote-10','Good design is as little design as possible.','Dieter Rams'),
  ('quote-11','It always seems impossible until it is done.','Nelson Mandela'),
  ('quote-12','Start where you are. Use what you have. Do what you can.','Arthur Ashe'),
  ('quote-13','Culture eats strategy for breakfast.','Peter Drucker'),
  ('quote-14','The details are not the details. They make the design.','Charles Eames');
INSERT OR REPLACE INTO notification_types (key, label, description, default_channels) VALUES
  ('note_mention','Mentioned in a note','Someone @mentioned you in a note','["in_app","email"]'),
  ('action_item_assigned','Action item assigned','An action item was assigned to you','["in_app"]'),
  ('portal_invitation_accepted','Portal invitation accepted','A client accepted a portal invitation','["in_app"]'),
  ('leave_approval_requested','Leave awaiting your approval','A leave request needs your decision','["in_app","email"]'),
  ('leave_decided','Leave request decided','Your leave request was approved or rejected','["in_app","email"]'),
  ('access_changed','Access changed','Your access level or permissions changed','["in_app"]'),
  ('announcement_published','New announcement','A new announcement was published','["in_app"]'),
  ('meeting_invited','Meeting invitation','You were invited to a meeting','["in_app"]'),
  ('document_expiring','Document expiring','An HR document is about to expire','["in_app","email"]'),
  ('system','System','Messages from Nucleus','["in_app"]');
INSERT OR REPLACE INTO companies (id, name, industry, domain, website, parent_id, account_manager_id) VALUES
  ('co-harbour-co','Harbour & Co','Retail','harbourco.com.au','https://harbourco.com.au',NULL,'tom-fletcher'),
  ('co-harbour-online','Harbour & Co Online','Retail','shop.harbourco.com.au','https://shop.harbourco.com.au','co-harbour-co','sienna-clarke'),
  ('co-greenleaf','Greenleaf Energy','Energy','greenleafenergy.com.au','https://greenleafenergy.com.au',NULL,'aisha-khan'),
  ('co-atlas-health','Atlas Health','Healthcare','atlashealth.com.au','https://atlashealth.com.au',NULL,'priya-raman'),
  ('co-brightpath','BrightPath Education','Education','brightpath.edu.au','https://brightpath.edu.au',NULL,'tom-fletcher'),
  ('co-kinetic','Kinetic Logistics','Logistics','kineticlogistics.com','https://kineticlogistics.com',NULL,'daniel-costa'),
  ('co-solace','Solace Skincare','Beauty','solaceskin.com','https://solaceskin.com',NULL,'aisha-khan'),
  ('co-urban-pantry','Urban Pantry','Food & Beverage','urbanpantry.com.au','https://urbanpantry.com.au',NULL,'emily-chen');
INSERT OR REPLACE INTO contacts (id, company_id, first_name, last_name, email, role, is_primary) VALUES
  ('ct-rachel-green','co-harbour-co','Rachel','Green','rachel@harbourco.com.au','Marketing Director',1),
  ('ct-ben-cooper','co-harbour-co','Ben','Cooper','ben@harbourco.com.au','Ecommerce Manager',0),
  ('ct-nina-park','co-harbour-online','Nina','Park','nina@shop.harbourco.com.au','Digital Lead',1),
  ('ct-sam-oconnor','co-greenleaf','Sam','O''Connor','sam@greenleafenergy.com.au','Head of Brand',1),
  ('ct-lily-zhang','co-greenleaf','Lily','Zhang','lily@greenleafenergy.com.au','Marketing Coordinator',0),
  ('ct-david-hughes','co-atlas-health','David','Hughes','david@atlashealth.com.au','CIO',1),
  ('ct-maya-singh','co-brightpath','Maya','Singh','maya@brightpath.edu.au','Enrolments Director',1),
  ('ct-peter-nolan','co-kinetic','Peter','Nolan','peter@kineticlogistics.com','General Manager',1),
  ('ct-jess-lowe','co-solace','Jess','Lowe','jess@solaceskin.com','Founder',1),
  ('ct-tim-baker','co-urban-pantry','Tim','Baker','tim@urbanpantry.com.au','Operations Manager',1);
INSERT OR REPLACE INTO portal_users (id, company_id, contact_id, email, name, invited_by) VALUES
  ('pu-rachel-green','co-harbour-co','ct-rachel-green','rachel@harbourco.com.au','Rachel Green','user-olivia-bennett'),
  ('pu-sam-oconnor','co-greenleaf','ct-sam-oconnor','sam@greenleafenergy.com.au','Sam O''Connor','user-olivia-bennett');
INSERT OR REPLACE INTO action_items (id, title, source_module, source_type, source_id, company_id, assigned_person_id, due_date, created_by) VALUES
  ('ai-qbr-harbour','Prepare Harbour & Co QBR deck','clients','qbr','ai-qbr-harbour','co-harbour-co','tom-fletcher','2026-11-20','user-olivia-bennett'),
  ('ai-followup-greenleaf','Follow up Greenleaf proposal feedback','deals','follow_up','ai-followup-greenleaf','co-greenleaf','emily-chen','2026-11-25','user-olivia-bennett'),
  ('ai-reconnect-atlas','Reconnect with David Hughes (90 days since last contact)','relationships','reconnect','ai-reconnect-atlas','co-atlas-health','priya-raman','2026-11-28','user-olivia-bennett'),
  ('ai-timesheet-ethan','Submit last week''s timesheet','time','missing_time','ai-timesheet-ethan',NULL,'ethan-brown','2026-11-24','user-olivia-bennett'),
  ('ai-onboard-kai','Finish Kai''s week-one onboarding checklist','manual','manual',NULL,NULL,'daniel-costa','2026-11-27','user-olivia-bennett'),
  ('ai-invoice-kinetic','Chase overdue Kinetic Logistics invoice INV-1042','invoices','overdue_invoice','ai-invoice-kinetic','co-kinetic','hannah-wright','2026-11-18','user-olivia-bennett');
-- ==== people: templates, onboarding, LinkedIn ====
-- The five onboarding phases and the locked Common template (tpl-onb-common) are reference data
-- created by migrations 0015/0014. Headers use upserts (profiles reference them ON DELETE RESTRICT).
-- HR documents are not seeded: each needs an object in R2.
INSERT INTO onboarding_templates (id, name, description, is_locked, is_active, created_by) VALUES
  ('tpl-onb-developer','Developer','Engineering setup, code review and release practices.',0,1,'user-olivia-bennett'),
  ('tpl-onb-delivery','Delivery','Project management, client communication and reporting.',0,1,'user-olivia-bennett'),
  ('tpl-onb-sales','Sales & Growth','CRM, pipeline, proposals and pricing.',0,1,'user-olivia-bennett')
  ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description, is_active = 1;
INSERT OR REPLACE INTO onboarding_items (id, template_id, phase_id, title, description, sort_order) VALUES
  ('onb-common-01','tpl-onb-common','phase-foundation','Sign your employment agreement','Return the signed copy to People & Culture (Grace).',1),
  ('onb-common-02','tpl-onb-common','phase-foundation','Set up payroll and superannuation','Enter your tax file number, bank and super details in Xero Me.',2),
  ('onb-common-03','tpl-onb-common','phase-foundation','Meet your manager and your buddy','Book a 30-minute 1:1 for your first Friday.',3),
  ('onb-common-04','tpl-onb-common','phase-foundation','Read the culture deck and our values',NULL,4),
  ('onb-common-05','tpl-onb-common','phase-business','Get access to the tools','Google Workspace, Slack, Productive and 1Password.',1),
  ('onb-common-06','tpl-onb-common','phase-business','Learn how a project runs from deal to delivery','Ask your manager for the walkthrough recording.',2),
  ('onb-common-07','tpl-onb-common','phase-business','Review our ten biggest clients and their squads',NULL,3),
  ('onb-common-08','tpl-onb-common','phase-delivery','Log your time daily in Productive',NULL,1),
  ('onb-common-09','tpl-onb-common','phase-delivery','Join your squad''s weekly 4P session','Progress, Plans, Problems, Promotions.',2),
  ('onb-common-10','tpl-onb-common','phase-delivery','Shadow a client status meeting',NULL,3),
  ('onb-common-11','tpl-onb-common','phase-mastery','Agree 30/60/90-day goals with your manager',NULL,1),
  ('onb-common-12','tpl-onb-common','phase-mastery','Complete your first scorecard',NULL,2),
  ('onb-common-13','tpl-onb-common','phase-mastery','Present something you learned at Friday show-and-tell',NULL,3),
  ('onb-common-14','tpl-onb-common','phase-independence','Run a client or internal meeting on your own',NULL,1),
  ('onb-common-15','tpl-onb-common','phase-independence','Give feedback to a teammate through a 360 request',NULL,2),
  ('onb-common-16','tpl-onb-common','phase-independence','Complete your probation review','Your manager books it for the end of month three.',3),
  ('onb-dev-01','tpl-onb-developer','phase-foundation','Set up your laptop, SSH keys and GitHub access',NULL,1),
  ('onb-dev-02','tpl-onb-developer','phase-foundation','Read the engineering handbook',NULL,2),
  ('onb-dev-03','tpl-onb-developer','phase-business','Run the main client projects locally',NULL,1),
  ('onb-dev-04','tpl-onb-developer','phase-business','Review the platform architecture diagrams',NULL,2),
  ('onb-dev-05','tpl-onb-developer','phase-delivery','Ship your first pull request to production',NULL,1),
  ('onb-dev-06','tpl-onb-developer','phase-delivery','Pair with a senior developer on a code review',NULL,2),
  ('onb-dev-07','tpl-onb-developer','phase-mastery','Own a small feature from ticket to release',NULL,1),
  ('onb-dev-08','tpl-onb-developer','phase-mastery','Learn the release and rollback process',NULL,2),
  ('onb-dev-09','tpl-onb-developer','phase-independence','Join the support roster for a week',NULL,1),
  ('onb-dev-10','tpl-onb-developer','phase-independence','Write or improve a runbook',NULL,2),
  ('onb-del-01','tpl-onb-delivery','phase-foundation','Get project manager access in Productive',NULL,1),
  ('onb-del-02','tpl-onb-delivery','phase-business','Read the statements of work for your accounts',NULL,1),
  ('onb-del-03','tpl-onb-delivery','phase-business','Learn how budgets and burn are tracked',NULL,2),
  ('onb-del-04','tpl-onb-delivery','phase-delivery','Run a sprint planning session with support',NULL,1),
  ('onb-del-05','tpl-onb-delivery','phase-delivery','Send your first weekly client status report',NULL,2),
  ('onb-del-06','tpl-onb-delivery','phase-mastery','Prepare a QBR deck with your account lead',NULL,1),
  ('onb-del-07','tpl-onb-delivery','phase-independence','Manage a project end to end',NULL,1),
  ('onb-sal-01','tpl-onb-sales','phase-foundation','Get CRM access and set up your email signature',NULL,1),
  ('onb-sal-02','tpl-onb-sales','phase-business','Learn our services, pricing and rate card',NULL,1),
  ('onb-sal-03','tpl-onb-sales','phase-business','Review three recent winning proposals',NULL,2),
  ('onb-sal-04','tpl-onb-sales','phase-delivery','Sit in on two discovery calls',NULL,1),
  ('onb-sal-05','tpl-onb-sales','phase-mastery','Draft a proposal with Emily',NULL,1),
  ('onb-sal-06','tpl-onb-sales','phase-independence','Own a pipeline of five qualified deals',NULL,1);
INSERT INTO scorecard_templates (id, name, description, cadence, is_active, created_by) VALUES
  ('tpl-sc-engineering','Engineering weekly','For developers and technical leads.','weekly',1,'user-olivia-bennett'),
  ('tpl-sc-delivery','Delivery weekly','For project and delivery managers.','weekly',1,'user-olivia-bennett'),
  ('tpl-sc-sales','Sales monthly','For business development and account executives.','monthly',1,'user-olivia-bennett')
  ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description, cadence = excluded.cadence, is_active = 1;
INSERT OR REPLACE INTO scorecard_template_items (id, template_id, label, description, sort_order) VALUES
  ('sci-eng-1','tpl-sc-engineering','Pull requests reviewed within a day',NULL,1),
  ('sci-eng-2','tpl-sc-engineering','Tests added for new work',NULL,2),
  ('sci-eng-3','tpl-sc-engineering','Support tickets triaged',NULL,3),
  ('sci-eng-4','tpl-sc-engineering','Time logged daily',NULL,4),
  ('sci-del-1','tpl-sc-delivery','Client updates sent on time',NULL,1),
  ('sci-del-2','tpl-sc-delivery','Budgets checked against burn',NULL,2),
  ('sci-del-3','tpl-sc-delivery','Risks logged and escalated',NULL,3),
  ('sci-del-4','tpl-sc-delivery','Team timesheets approved',NULL,4),
  ('sci-sal-1','tpl-sc-sales','Pipeline reviewed and updated',NULL,1),
  ('sci-sal-2','tpl-sc-sales','Follow-ups within 48 hours',NULL,2),
  ('sci-sal-3','tpl-sc-sales','Proposals sent this month',NULL,3),
  ('sci-sal-4','tpl-sc-sales','CRM notes complete',NULL,4);
INSERT INTO review_templates (id, name, description, is_active, created_by) VALUES
  ('tpl-rv-standard','Standard review','Quarterly review for individual contributors.',1,'user-olivia-bennett'),
  ('tpl-rv-leadership','Leadership review','For leads, managers and heads.',1,'user-olivia-bennett')
  ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description, is_active = 1;
INSERT OR REPLACE INTO review_template_items (id, template_id, area, label, description, is_mandatory, sort_order) VALUES
  ('rvi-std-1','tpl-rv-standard','Delivery','Delivers agreed work on time and to standard','Estimates honestly and flags risks early.',1,1),
  ('rvi-std-2','tpl-rv-standard','Collaboration','Works well with the squad and with clients',NULL,1,2),
  ('rvi-std-3','tpl-rv-standard','Growth','Learns new skills and shares what they learn',NULL,0,3),
  ('rvi-std-4','tpl-rv-standard','Values','Lives the DotCollective values',NULL,1,4),
  ('rvi-lead-1','tpl-rv-leadership','People','Develops and supports their team','Regular 1:1s, clear goals, honest feedback.',1,1),
  ('rvi-lead-2','tpl-rv-leadership','Delivery','Keeps projects healthy and profitable',NULL,1,2),
  ('rvi-lead-3','tpl-rv-leadership','Clients','Builds trusted client relationships',NULL,1,3),
  ('rvi-lead-4','tpl-rv-leadership','Strategy','Contributes to planning and priorities',NULL,0,4);
INSERT INTO template_profiles (id, name, description, onboarding_template_id, scorecard_template_id, review_template_id, is_active, created_by) VALUES
  ('prof-developer','Developer','Developers and technical leads.','tpl-onb-developer','tpl-sc-engineering','tpl-rv-standard',1,'user-olivia-bennett'),
  ('prof-delivery','Delivery lead','Project managers and delivery leads.','tpl-onb-delivery','tpl-sc-delivery','tpl-rv-leadership',1,'user-olivia-bennett'),
  ('prof-sales','Sales','Business development and account executives.','tpl-onb-sales','tpl-sc-sales','tpl-rv-standard',1,'user-olivia-bennett')
  ON CONFLICT(id) DO UPDATE SET name = excluded.name, description = excluded.description, onboarding_template_id = excluded.onboarding_template_id,
    scorecard_template_id = excluded.scorecard_template_id, review_template_id = excluded.review_template_id, is_active = 1;
UPDATE users SET template_profile_id = 'prof-developer', onboarding_template_id = 'tpl-onb-developer', scorecard_template_id = 'tpl-sc-engineering', review_template_id = 'tpl-rv-standard'
  WHERE id IN ('user-chloe-martin','user-ethan-brown','user-noah-wilson','user-zara-ahmed','user-max-patel');
UPDATE users SET template_profile_id = 'prof-delivery', onboarding_template_id = 'tpl-onb-delivery', scorecard_template_id = 'tpl-sc-delivery', review_template_id = 'tpl-rv-leadership'
  WHERE id IN ('user-lucas-rossi','user-oliver-smith','user-ava-jones');
UPDATE users SET template_profile_id = 'prof-sales', onboarding_template_id = 'tpl-onb-sales', scorecard_template_id = 'tpl-sc-sales', review_template_id = 'tpl-rv-standard'
  WHERE id IN ('user-ella-white','user-henry-scott');
INSERT OR REPLACE INTO onboarding_progress (id, person_id, item_id, completed_at, completed_by) VALUES
  ('op-kai-01','kai-robinson','onb-common-01','2026-11-02T01:30:00Z',NULL),
  ('op-kai-02','kai-robinson','onb-common-02','2026-11-02T03:10:00Z',NULL),
  ('op-kai-03','kai-robinson','onb-common-03','2026-11-03T23:00:00Z',NULL),
  ('op-kai-04','kai-robinson','onb-common-05','2026-11-04T22:15:00Z',NULL),
  ('op-ethan-01','ethan-brown','onb-common-01','2022-02-07T01:00:00Z','user-ethan-brown'),
  ('op-ethan-02','ethan-brown','onb-common-02','2022-02-07T02:00:00Z','user-ethan-brown'),
  ('op-ethan-03','ethan-brown','onb-dev-01','2022-02-08T02:00:00Z','user-ethan-brown'),
  ('op-zara-01','zara-ahmed','onb-common-01','2021-08-02T01:00:00Z','user-zara-ahmed');
UPDATE people SET linkedin_url = 'https://www.linkedin.com/in/zara-ahmed-design' WHERE id = 'zara-ahmed' AND linkedin_url IS NULL;
UPDATE people SET linkedin_url = 'https://www.linkedin.com/in/noahwilson-dev' WHERE id = 'noah-wilson' AND linkedin_url IS NULL;
INSERT OR REPLACE INTO person_linkedin_activities (id, person_id, activity_type, url, text_excerpt, posted_at, fetched_at) VALUES
  ('pla-zara-1','zara-ahmed','post','https://www.linkedin.com/feed/update/urn:li:activity:7261000000000000001','Three things we learned rebuilding a design system for accessibility: start with focus states, test with a screen reader every sprint, and write the docs first.','2026-11-18T22:05:00Z','2026-11-20T00:00:00Z'),
  ('pla-zara-2','zara-ahmed','comment','https://www.linkedin.com/feed/update/urn:li:activity:7261000000000000002','Great write-up, the colour-contrast tooling tip saved us hours.','2026-11-12T04:40:00Z','2026-11-20T00:00:00Z'),
  ('pla-noah-1','noah-wilson','reaction','https://www.linkedin.com/feed/update/urn:li:activity:7261000000000000003',NULL,'2026-11-15T08:00:00Z','2026-11-20T00:00:00Z');
INSERT OR REPLACE INTO person_change_alerts (id, person_id, source, external_id, change_type, before_json, after_json, detected_at) VALUES
  ('pca-noah-title','noah-wilson','linkedin','seed-evt-1','title_change','{"title":"Developer"}','{"title":"Senior Developer"}','2026-11-20T09:12:00Z');

-- ==== portal ====
-- Invitation records behind the two seeded portal users, and one still waiting for David Hughes.
-- token_hash values are placeholders that no token hashes to: seeded links can never be used.
INSERT OR REPLACE INTO portal_invitations (id, company_id, contact_id, email, name, token_hash, expires_at, accepted_at, revoked_at, invited_by, created_at) VALUES
  ('inv-rachel-green','co-harbour-co','ct-rachel-green','rachel@harbourco.com.au','Rachel Green','seed-placeholder-inv-rachel-green','2026-10-08T00:00:00Z','2026-10-02T04:12:00Z',NULL,'user-olivia-bennett','2026-10-01T00:00:00Z'),
  ('inv-sam-oconnor','co-greenleaf','ct-sam-oconnor','sam@greenleafenergy.com.au','Sam O''Connor','seed-placeholder-inv-sam-oconnor','2026-10-22T00:00:00Z','2026-10-15T21:40:00Z',NULL,'user-olivia-bennett','2026-10-15T00:00:00Z'),
  ('inv-david-hughes','co-atlas-health','ct-david-hughes','david@atlashealth.com.au','David Hughes','seed-placeholder-inv-david-hughes','2026-11-30T00:00:00Z',NULL,NULL,'user-james-nguyen','2026-11-23T00:00:00Z');
-- ==== end portal ====
-- ==== records: notes and history ====
-- A few threaded notes on people in Tom Fletcher's team (Apollo), with their history rows.
INSERT OR REPLACE INTO notes (id, resource_type, resource_id, author_id, content, visibility, mentions, parent_id, created_at, updated_at) VALUES
  ('note-lucas-leadership','person','lucas-rossi','user-tom-fletcher','Lucas ran the Harbour & Co discovery workshop solo this week and the client asked for him by name on the next phase. Worth discussing a step up to senior PM at his review.','["executive","head","manager"]','[]',NULL,'2026-10-14T05:12:00Z','2026-10-14T05:12:00Z'),
  ('note-lucas-leadership-reply','person','lucas-rossi','user-priya-raman','Agreed. Let''s line up the senior PM scorecard before the November cycle.','["executive","head","manager"]','[]','note-lucas-leadership','2026-10-15T00:40:00Z','2026-10-15T00:40:00Z'),
  ('note-isla-research','person','isla-thompson','user-lucas-rossi','Isla''s usability testing on the BrightPath enrolment flow cut drop-off at step 3 by a third. Shared the report in #apollo.','["executive","head","manager","lead","employee"]','["user-tom-fletcher"]',NULL,'2026-11-03T03:25:00Z','2026-11-03T03:25:00Z');
INSERT OR REPLACE INTO history (id, resource_type, resource_id, actor_id, action, details, created_at) VALUES
  ('hist-note-lucas-leadership','person','lucas-rossi','user-tom-fletcher','note_added','{"note_id":"note-lucas-leadership"}','2026-10-14T05:12:00Z'),
  ('hist-note-lucas-leadership-reply','person','lucas-rossi','user-priya-raman','note_replied','{"note_id":"note-lucas-leadership-reply","parent_id":"note-lucas-leadership"}','2026-10-15T00:40:00Z'),
  ('hist-note-isla-research','person','isla-thompson','user-lucas-rossi','note_added','{"note_id":"note-isla-research","mentioned":1}','2026-11-03T03:25:00Z'),
  ('hist-lucas-title','person','lucas-rossi','user-sophie-walker','updated','{"changes":{"title":{"from":"Associate Project Manager","to":"Project Manager"}}}','2025-07-01T00:00:00Z');
-- ==== end records ====
-- ==== delivery ====
-- Projects for seeded clients with members, goals, decisions, phases and tasks; an SLA policy
-- (business hours Mon–Fri 09:00–17:30 Melbourne); Harbour & Co support tickets (one past its
-- response deadline: it shows as breached); Kinetic sprints, roadmap and agent settings; two
-- setup templates. Config lists (task status/priority/type, project type) come with migration
-- 0030. INSERT OR IGNORE: re-running never cascades deletes into tasks.
INSERT OR IGNORE INTO sla_policies (id, name, description, company_id, timezone, business_days, business_start, business_end, created_by, created_at, updated_at) VALUES
  ('sla-standard','Standard support','Business-hours support for retainer clients','co-harbour-co','Australia/Melbourne','1,2,3,4,5','09:00','17:30','user-priya-raman','2026-06-01T00:00:00Z','2026-06-01T00:00:00Z'),
  ('sla-priority','Priority support','Faster targets for platform clients',NULL,'Australia/Melbourne','1,2,3,4,5','08:00','18:00','user-priya-raman','2026-06-01T00:00:00Z','2026-06-01T00:00:00Z');
INSERT OR IGNORE INTO sla_policy_rules (id, policy_id, priority_id, response_hours, resolution_hours) VALUES
  ('slr-standard-urgent','sla-standard','cli-priority-urgent',1,8),
  ('slr-standard-high','sla-standard','cli-priority-high',4,16),
  ('slr-standard-medium','sla-standard','cli-priority-medium',8,40),
  ('slr-standard-low','sla-standard','cli-priority-low',16,80),
  ('slr-priority-urgent','sla-priority','cli-priority-urgent',0.5,4),
  ('slr-priority-high','sla-priority','cli-priority-high',2,8),
  ('slr-priority-medium','sla-priority','cli-priority-medium',4,24);
INSERT OR IGNORE INTO project_setup_templates (id, name, description, project_type_id, created_by, created_at, updated_at) VALUES
  ('tpl-website-build','Website build','Discovery to launch for a marketing website','cli-ptype-website','user-priya-raman','2026-03-01T00:00:00Z','2026-03-01T00:00:00Z'),
  ('tpl-retainer-onboarding','Retainer onboarding','First month of a new support or growth retainer','cli-ptype-retainer','user-priya-raman','2026-03-01T00:00:00Z','2026-03-01T00:00:00Z');
INSERT OR IGNORE INTO project_setup_template_phases (id, template_id, name, description, position, offset_days, duration_days) VALUES
  ('tph-web-discovery','tpl-website-build','Discovery','Understand the business, users and content',1,0,10),
  ('tph-web-design','tpl-website-build','Design','Wireframes through to signed-off visual design',2,10,20),
  ('tph-web-build','tpl-website-build','Build','Front end, CMS and content migration',3,30,30),
  ('tph-web-launch','tpl-website-build','Launch','Testing, go-live and hypercare',4,60,10),
  ('tph-ret-setup','tpl-retainer-onboarding','Set-up','Access, tooling and reporting',1,0,5),
  ('tph-ret-first-month','tpl-retainer-onboarding','First month','Baseline and first improvements',2,5,25);
INSERT OR IGNORE INTO project_setup_template_tasks (id, template_id, phase_id, title, position, estimated_hours, priority_id) VALUES
  ('ttk-web-kickoff','tpl-website-build','tph-web-discovery','Kick-off workshop',1,6,'cli-priority-high'),
  ('ttk-web-interviews','tpl-website-build','tph-web-discovery','Stakeholder interviews',2,8,NULL),
  ('ttk-web-audit','tpl-website-build','tph-web-discovery','Sitemap and content audit',3,12,NULL),
  ('ttk-web-wireframes','tpl-website-build','tph-web-design','Wireframes',1,24,NULL),
  ('ttk-web-visual','tpl-website-build','tph-web-design','Visual design',2,40,NULL),
  ('ttk-web-signoff','tpl-website-build','tph-web-design','Design sign-off',3,2,'cli-priority-high'),
  ('ttk-web-frontend','tpl-website-build','tph-web-build','Front-end build',1,80,NULL),
  ('ttk-web-cms','tpl-website-build','tph-web-build','CMS integration',2,40,NULL),
  ('ttk-web-migration','tpl-website-build','tph-web-build','Content migration',3,24,NULL),
  ('ttk-web-uat','tpl-website-build','tph-web-launch','User acceptance testing',1,16,'cli-priority-high'),
  ('ttk-web-golive','tpl-website-build','tph-web-launch','Go-live checklist',2,6,'cli-priority-urgent'),
  ('ttk-ret-access','tpl-retainer-onboarding','tph-ret-setup','Collect platform access',1,2,NULL),
  ('ttk-ret-reporting','tpl-retainer-onboarding','tph-ret-setup','Set up the monthly report',2,4,NULL),
  ('ttk-ret-baseline','tpl-retainer-onboarding','tph-ret-first-month','Baseline audit',1,12,NULL);
INSERT OR IGNORE INTO projects (id, name, description, company_id, type_id, status, owner_id, delivery_manager_id, squad, start_date, end_date, sla_policy_id, setup_template_id, auto_ticket_enabled, inbound_address, match_sender_domain, created_by, created_at, updated_at) VALUES
  ('proj-harbour-web','Harbour & Co website rebuild','New marketing site on a headless CMS, replacing the 2019 build.','co-harbour-co','cli-ptype-website','active','tom-fletcher','lucas-rossi','Apollo','2026-09-01','2027-01-29',NULL,'tpl-website-build',0,NULL,0,'user-tom-fletcher','2026-08-25T00:00:00Z','2026-11-20T00:00:00Z'),
  ('proj-harbour-support','Harbour & Co support retainer','Shopify store support and small enhancements.','co-harbour-co','cli-ptype-support','active','tom-fletcher','sienna-clarke','Retail','2026-07-01',NULL,'sla-standard',NULL,1,'support-harbour@inbound.dotcollective.com.au',1,'user-tom-fletcher','2026-06-20T00:00:00Z','2026-11-20T00:00:00Z'),
  ('proj-greenleaf-seo','Greenleaf organic growth','Content and technical SEO retainer.','co-greenleaf','cli-ptype-retainer','active','aisha-khan','oliver-smith','Nova','2026-04-01',NULL,NULL,NULL,0,NULL,0,'user-aisha-khan','2026-03-25T00:00:00Z','2026-11-10T00:00:00Z'),
  ('proj-kinetic-platform','Kinetic driver app','Driver scheduling app and dispatch integrations.','co-kinetic','cli-ptype-product','active','daniel-costa','liam-murphy','Apex','2026-05-04','2027-03-31','sla-priority',NULL,0,NULL,0,'user-daniel-costa','2026-04-28T00:00:00Z','2026-11-24T00:00:00Z'),
  ('proj-atlas-portal','Atlas Health patient portal','Discovery and alpha for a patient self-service portal.','co-atlas-health','cli-ptype-product','planning','priya-raman','mia-taylor','Odyssey','2026-12-07','2027-06-30',NULL,NULL,0,NULL,0,'user-priya-raman','2026-11-02T00:00:00Z','2026-11-02T00:00:00Z'),
  ('proj-solace-campaign','Solace summer campaign','Paid social launch for the summer range.','co-solace','cli-ptype-campaign','completed','aisha-khan','leo-kim','Ultra','2026-08-03','2026-10-30',NULL,NULL,0,NULL,0,'user-aisha-khan','2026-07-28T00:00:00Z','2026-10-31T00:00:00Z');
INSERT OR IGNORE INTO project_members (id, project_id, person_id, role, created_at) VALUES
  ('pm-hw-tom','proj-harbour-web','tom-fletcher','owner','2026-08-25T00:00:00Z'),
  ('pm-hw-lucas','proj-harbour-web','lucas-rossi','delivery_manager','2026-08-25T00:00:00Z'),
  ('pm-hw-isla','proj-harbour-web','isla-thompson','member','2026-08-25T00:00:00Z'),
  ('pm-hw-ava','proj-harbour-web','ava-jones','member','2026-08-25T00:00:00Z'),
  ('pm-hs-tom','proj-harbour-support','tom-fletcher','owner','2026-06-20T00:00:00Z'),
  ('pm-hs-sienna','proj-harbour-support','sienna-clarke','delivery_manager','2026-06-20T00:00:00Z'),
  ('pm-hs-max','proj-harbour-support','max-patel','member','2026-06-20T00:00:00Z'),
  ('pm-gl-aisha','proj-greenleaf-seo','aisha-khan','owner','2026-03-25T00:00:00Z'),
  ('pm-gl-oliver','proj-greenleaf-seo','oliver-smith','delivery_manager','2026-03-25T00:00:00Z'),
  ('pm-gl-ruby','proj-greenleaf-seo','ruby-davies','member','2026-03-25T00:00:00Z'),
  ('pm-gl-jack','proj-greenleaf-seo','jack-harris','member','2026-03-25T00:00:00Z'),
  ('pm-kp-daniel','proj-kinetic-platform','daniel-costa','owner','2026-04-28T00:00:00Z'),
  ('pm-kp-liam','proj-kinetic-platform','liam-murphy','delivery_manager','2026-04-28T00:00:00Z'),
  ('pm-kp-chloe','proj-kinetic-platform','chloe-martin','member','2026-04-28T00:00:00Z'),
  ('pm-kp-ethan','proj-kinetic-platform','ethan-brown','member','2026-04-28T00:00:00Z'),
  ('pm-ap-priya','proj-atlas-portal','priya-raman','owner','2026-11-02T00:00:00Z'),
  ('pm-ap-mia','proj-atlas-portal','mia-taylor','delivery_manager','2026-11-02T00:00:00Z'),
  ('pm-ap-zara','proj-atlas-portal','zara-ahmed','member','2026-11-02T00:00:00Z'),
  ('pm-ap-noah','proj-atlas-portal','noah-wilson','member','2026-11-02T00:00:00Z'),
  ('pm-sc-aisha','proj-solace-campaign','aisha-khan','owner','2026-07-28T00:00:00Z'),
  ('pm-sc-leo','proj-solace-campaign','leo-kim','delivery_manager','2026-07-28T00:00:00Z');
INSERT OR IGNORE INTO project_goals (id, project_id, title, description, status, target_date, position, created_by, created_at, updated_at) VALUES
  ('goal-hw-launch','proj-harbour-web','Launch before the January sale','Live on the new CMS by 29 January','on_track','2027-01-29',1,'user-tom-fletcher','2026-08-25T00:00:00Z','2026-11-01T00:00:00Z'),
  ('goal-hw-speed','proj-harbour-web','Largest contentful paint under 2.5 s','Core Web Vitals pass on mobile','at_risk','2027-01-29',2,'user-tom-fletcher','2026-08-25T00:00:00Z','2026-11-18T00:00:00Z'),
  ('goal-kp-dispatch','proj-kinetic-platform','Dispatch integration live','Jobs flow from the dispatch system to the app','on_track','2026-12-18',1,'user-daniel-costa','2026-04-28T00:00:00Z','2026-11-20T00:00:00Z'),
  ('goal-kp-adoption','proj-kinetic-platform','80% of drivers on the app','Weekly active drivers / rostered drivers','not_started','2027-03-31',2,'user-daniel-costa','2026-04-28T00:00:00Z','2026-04-28T00:00:00Z'),
  ('goal-gl-traffic','proj-greenleaf-seo','+30% organic sessions year on year',NULL,'on_track','2027-03-31',1,'user-aisha-khan','2026-03-25T00:00:00Z','2026-10-01T00:00:00Z');
INSERT OR IGNORE INTO project_decisions (id, project_id, title, context, outcome, status, decided_on, decided_by, created_by, created_at, updated_at) VALUES
  ('dec-hw-cms','proj-harbour-web','Headless CMS: Sanity','Marketing wants to publish without developers; the current WordPress is slow.','Sanity with a Next.js front end; editors trained in week 8.','decided','2026-09-12','lucas-rossi','user-lucas-rossi','2026-09-12T04:00:00Z','2026-09-12T04:00:00Z'),
  ('dec-kp-offline','proj-kinetic-platform','Offline-first job list','Drivers lose signal in the western suburbs warehouses.','Jobs are cached on the device and synced when back online.','decided','2026-06-03','liam-murphy','user-liam-murphy','2026-06-03T02:00:00Z','2026-06-03T02:00:00Z');
INSERT OR IGNORE INTO sprints (id, project_id, name, goal, status, start_date, end_date, position, closed_at, created_by, created_at, updated_at) VALUES
  ('sprint-kp-14','proj-kinetic-platform','Sprint 14','Driver login and roster view','closed','2026-11-02','2026-11-13',14,'2026-11-13T06:00:00Z','user-liam-murphy','2026-10-30T00:00:00Z','2026-11-13T06:00:00Z'),
  ('sprint-kp-15','proj-kinetic-platform','Sprint 15','Dispatch integration end to end','active','2026-11-16','2026-11-27',15,NULL,'user-liam-murphy','2026-11-13T00:00:00Z','2026-11-16T00:00:00Z'),
  ('sprint-kp-16','proj-kinetic-platform','Sprint 16','Proof of delivery photos','planned','2026-11-30','2026-12-11',16,NULL,'user-liam-murphy','2026-11-13T00:00:00Z','2026-11-13T00:00:00Z');
INSERT OR IGNORE INTO roadmaps (id, project_id, name, description, start_date, end_date, created_by, created_at, updated_at) VALUES
  ('roadmap-kp','proj-kinetic-platform','Driver app 2026–27','From dispatch integration to full roll-out','2026-10-01','2027-03-31','user-daniel-costa','2026-09-20T00:00:00Z','2026-11-01T00:00:00Z');
INSERT OR IGNORE INTO roadmap_items (id, roadmap_id, goal_id, title, description, status, start_date, end_date, owner_id, position, created_at, updated_at) VALUES
  ('rmi-kp-dispatch','roadmap-kp','goal-kp-dispatch','Dispatch integration','Two-way job sync','in_progress','2026-10-05','2026-12-18','liam-murphy',1,'2026-09-20T00:00:00Z','2026-11-01T00:00:00Z'),
  ('rmi-kp-pod','roadmap-kp','goal-kp-dispatch','Proof of delivery','Photos and signatures','planned','2026-11-30','2027-01-29','chloe-martin',2,'2026-09-20T00:00:00Z','2026-09-20T00:00:00Z'),
  ('rmi-kp-rollout','roadmap-kp','goal-kp-adoption','Depot roll-out','Training and support at each depot','planned','2027-02-01','2027-03-31','daniel-costa',3,'2026-09-20T00:00:00Z','2026-09-20T00:00:00Z');
INSERT OR IGNORE INTO tasks (id, title, description, resource_type, resource_id, project_id, status_id, priority_id, type_id, is_phase, phase_id, parent_task_id, roadmap_item_id, sprint_id, assignee_id, reporter_id, created_by, due_date, start_date, estimated_hours, source, email_thread_id, sort_order, completed_at, created_at, updated_at) VALUES
  ('task-hw-discovery','Discovery','Understand the business, users and content','project','proj-harbour-web','proj-harbour-web','cli-status-done','cli-priority-medium','cli-type-phase',1,NULL,NULL,NULL,NULL,NULL,'lucas-rossi','user-tom-fletcher','2026-09-11','2026-09-01',NULL,'template',NULL,1,'2026-09-11T06:00:00Z','2026-08-25T00:00:00Z','2026-09-11T06:00:00Z'),
  ('task-hw-design','Design','Wireframes through to signed-off visual design','project','proj-harbour-web','proj-harbour-web','cli-status-in-progress','cli-priority-medium','cli-type-phase',1,NULL,NULL,NULL,NULL,NULL,'lucas-rossi','user-tom-fletcher','2026-10-01','2026-09-11',NULL,'template',NULL,2,NULL,'2026-08-25T00:00:00Z','2026-11-01T00:00:00Z'),
  ('task-hw-build','Build','Front end, CMS and content migration','project','proj-harbour-web','proj-harbour-web','cli-status-todo','cli-priority-medium','cli-type-phase',1,NULL,NULL,NULL,NULL,NULL,'lucas-rossi','user-tom-fletcher','2026-12-21','2026-10-01',NULL,'template',NULL,3,NULL,'2026-08-25T00:00:00Z','2026-08-25T00:00:00Z'),
  ('task-hw-kickoff','Kick-off workshop',NULL,'project','proj-harbour-web','proj-harbour-web','cli-status-done','cli-priority-high','cli-type-task',0,'task-hw-discovery','task-hw-discovery',NULL,NULL,'lucas-rossi','lucas-rossi','user-tom-fletcher','2026-09-04','2026-09-01',6,'template',NULL,1001,'2026-09-03T05:00:00Z','2026-08-25T00:00:00Z','2026-09-03T05:00:00Z'),
  ('task-hw-audit','Sitemap and content audit',NULL,'project','proj-harbour-web','proj-harbour-web','cli-status-done','cli-priority-medium','cli-type-task',0,'task-hw-discovery','task-hw-discovery',NULL,NULL,'ava-jones','lucas-rossi','user-tom-fletcher','2026-09-11','2026-09-01',12,'template',NULL,1003,'2026-09-10T05:00:00Z','2026-08-25T00:00:00Z','2026-09-10T05:00:00Z'),
  ('task-hw-wireframes','Wireframes','Key templates: home, category, product, store locator.','project','proj-harbour-web','proj-harbour-web','cli-status-in-review','cli-priority-medium','cli-type-task',0,'task-hw-design','task-hw-design',NULL,NULL,'isla-thompson','lucas-rossi','user-tom-fletcher','2026-11-20','2026-09-11',24,'template',NULL,2001,NULL,'2026-08-25T00:00:00Z','2026-11-19T03:00:00Z'),
  ('task-hw-visual','Visual design',NULL,'project','proj-harbour-web','proj-harbour-web','cli-status-in-progress','cli-priority-medium','cli-type-task',0,'task-hw-design','task-hw-design',NULL,NULL,'isla-thompson','lucas-rossi','user-tom-fletcher','2026-12-04','2026-11-09',40,'template',NULL,2002,NULL,'2026-08-25T00:00:00Z','2026-11-23T03:00:00Z'),
  ('task-hw-signoff','Design sign-off',NULL,'project','proj-harbour-web','proj-harbour-web','cli-status-todo','cli-priority-high','cli-type-task',0,'task-hw-design','task-hw-design',NULL,NULL,'lucas-rossi','lucas-rossi','user-tom-fletcher','2026-12-09',NULL,2,'template',NULL,2003,NULL,'2026-08-25T00:00:00Z','2026-08-25T00:00:00Z'),
  ('task-hw-frontend','Front-end build',NULL,'project','proj-harbour-web','proj-harbour-web','cli-status-todo','cli-priority-medium','cli-type-task',0,'task-hw-build','task-hw-build',NULL,NULL,NULL,'lucas-rossi','user-tom-fletcher','2026-12-21',NULL,80,'template',NULL,3001,NULL,'2026-08-25T00:00:00Z','2026-08-25T00:00:00Z'),
  ('task-hw-cms','CMS integration',NULL,'project','proj-harbour-web','proj-harbour-web','cli-status-todo','cli-priority-medium','cli-type-task',0,'task-hw-build','task-hw-build',NULL,NULL,NULL,'lucas-rossi','user-tom-fletcher','2026-12-21',NULL,40,'template',NULL,3002,NULL,'2026-08-25T00:00:00Z','2026-08-25T00:00:00Z'),
  ('task-hs-checkout','Checkout shows the wrong shipping rate for Tasmania','Customers in Tasmania are charged the metro rate at checkout since this morning.','project','proj-harbour-support','proj-harbour-support','cli-status-todo','cli-priority-high','cli-type-ticket',0,NULL,NULL,NULL,NULL,'sienna-clarke',NULL,NULL,NULL,NULL,NULL,'email','<seed-checkout-1@harbourco.com.au>',1,NULL,'2026-11-23T22:00:00Z','2026-11-23T22:00:00Z'),
  ('task-hs-banner','Swap the homepage banner for the Christmas range','New banner files are in the shared drive.','project','proj-harbour-support','proj-harbour-support','cli-status-done','cli-priority-medium','cli-type-ticket',0,NULL,NULL,NULL,NULL,'max-patel',NULL,NULL,'2026-11-24',NULL,1,'email','<seed-banner-1@harbourco.com.au>',2,'2026-11-24T04:00:00Z','2026-11-18T23:30:00Z','2026-11-24T04:00:00Z'),
  ('task-hs-giftcards','Gift card balance page copy tweaks',NULL,'project','proj-harbour-support','proj-harbour-support','cli-status-in-progress','cli-priority-low','cli-type-ticket',0,NULL,NULL,NULL,NULL,'max-patel',NULL,NULL,NULL,NULL,2,'email','<seed-giftcards-1@harbourco.com.au>',3,NULL,'2026-11-25T00:00:00Z','2026-11-25T00:00:00Z'),
  ('task-kp-dispatch-api','Dispatch API client','Typed client for the dispatch system REST API with retries.','project','proj-kinetic-platform','proj-kinetic-platform','cli-status-done','cli-priority-high','cli-type-feature',0,NULL,NULL,'rmi-kp-dispatch','sprint-kp-15','chloe-martin','liam-murphy','user-liam-murphy','2026-11-20','2026-11-16',16,'manual',NULL,1,'2026-11-19T05:00:00Z','2026-11-13T00:00:00Z','2026-11-19T05:00:00Z'),
  ('task-kp-job-sync','Two-way job status sync','Statuses from the app update the dispatch board and back.','project','proj-kinetic-platform','proj-kinetic-platform','cli-status-in-progress','cli-priority-high','cli-type-feature',0,NULL,NULL,'rmi-kp-dispatch','sprint-kp-15','chloe-martin','liam-murphy','user-liam-murphy','2026-11-27','2026-11-18',24,'manual',NULL,2,NULL,'2026-11-13T00:00:00Z','2026-11-24T02:00:00Z'),
  ('task-kp-offline-cache','Offline job cache','Cache the day''s jobs on device; sync on reconnect.','project','proj-kinetic-platform','proj-kinetic-platform','cli-status-in-review','cli-priority-medium','cli-type-feature',0,NULL,NULL,'rmi-kp-dispatch','sprint-kp-15','ethan-brown','liam-murphy','user-liam-murphy','2026-11-26','2026-11-16',20,'manual',NULL,3,NULL,'2026-11-13T00:00:00Z','2026-11-24T05:00:00Z'),
  ('task-kp-push','Push notification for new jobs',NULL,'project','proj-kinetic-platform','proj-kinetic-platform','cli-status-todo','cli-priority-medium','cli-type-feature',0,NULL,NULL,'rmi-kp-dispatch','sprint-kp-15','ethan-brown','liam-murphy','user-liam-murphy','2026-11-27',NULL,8,'manual',NULL,4,NULL,'2026-11-13T00:00:00Z','2026-11-13T00:00:00Z'),
  ('task-kp-crash','App crashes when a job has no address','Sentry: TypeError in JobCard when address is null.','project','proj-kinetic-platform','proj-kinetic-platform','cli-status-todo','cli-priority-urgent','cli-type-bug',0,NULL,NULL,NULL,'sprint-kp-15','chloe-martin','ethan-brown','user-ethan-brown','2026-11-25',NULL,3,'manual',NULL,5,NULL,'2026-11-24T23:00:00Z','2026-11-24T23:00:00Z'),
  ('task-kp-photos','Proof of delivery photos',NULL,'project','proj-kinetic-platform','proj-kinetic-platform','cli-status-todo','cli-priority-medium','cli-type-feature',0,NULL,NULL,'rmi-kp-pod',NULL,NULL,'liam-murphy','user-liam-murphy',NULL,NULL,30,'manual',NULL,6,NULL,'2026-11-13T00:00:00Z','2026-11-13T00:00:00Z'),
  ('task-kp-login','Driver login with SMS code',NULL,'project','proj-kinetic-platform','proj-kinetic-platform','cli-status-done','cli-priority-high','cli-type-feature',0,NULL,NULL,NULL,'sprint-kp-14','ethan-brown','liam-murphy','user-liam-murphy','2026-11-12',NULL,12,'manual',NULL,7,'2026-11-12T05:00:00Z','2026-10-30T00:00:00Z','2026-11-12T05:00:00Z'),
  ('task-gl-audit','Technical SEO audit','Crawl, indexation and Core Web Vitals.','project','proj-greenleaf-seo','proj-greenleaf-seo','cli-status-done','cli-priority-medium','cli-type-task',0,NULL,NULL,NULL,NULL,'jack-harris','oliver-smith','user-oliver-smith','2026-10-15',NULL,16,'manual',NULL,1,'2026-10-14T05:00:00Z','2026-10-01T00:00:00Z','2026-10-14T05:00:00Z'),
  ('task-gl-articles','December articles: solar rebates explainer series',NULL,'project','proj-greenleaf-seo','proj-greenleaf-seo','cli-status-in-progress','cli-priority-medium','cli-type-task',0,NULL,NULL,NULL,NULL,'ruby-davies','oliver-smith','user-oliver-smith','2026-12-01',NULL,20,'manual',NULL,2,NULL,'2026-11-05T00:00:00Z','2026-11-20T00:00:00Z'),
  ('task-gl-schema','Add FAQ schema to product pages',NULL,'project','proj-greenleaf-seo','proj-greenleaf-seo','cli-status-todo','cli-priority-low','cli-type-task',0,NULL,NULL,NULL,NULL,'jack-harris','oliver-smith','user-oliver-smith','2026-11-20',NULL,6,'manual',NULL,3,NULL,'2026-11-05T00:00:00Z','2026-11-05T00:00:00Z'),
  ('task-ap-discovery','Plan the discovery sprint',NULL,'project','proj-atlas-portal','proj-atlas-portal','cli-status-todo','cli-priority-medium','cli-type-task',0,NULL,NULL,NULL,NULL,'mia-taylor','priya-raman','user-priya-raman','2026-12-04',NULL,6,'manual',NULL,1,NULL,'2026-11-02T00:00:00Z','2026-11-02T00:00:00Z'),
  ('task-ap-private','Commercials review (private)','Margin review before the SOW goes out.','project','proj-atlas-portal','proj-atlas-portal','cli-status-todo','cli-priority-high','cli-type-task',0,NULL,NULL,NULL,NULL,'priya-raman','priya-raman','user-priya-raman','2026-11-30',NULL,2,'manual',NULL,2,NULL,'2026-11-02T00:00:00Z','2026-11-02T00:00:00Z'),
  ('task-sc-wrap','Campaign wrap report',NULL,'project','proj-solace-campaign','proj-solace-campaign','cli-status-done','cli-priority-medium','cli-type-task',0,NULL,NULL,NULL,NULL,'leo-kim','aisha-khan','user-aisha-khan','2026-10-30',NULL,6,'manual',NULL,1,'2026-10-29T05:00:00Z','2026-10-20T00:00:00Z','2026-10-29T05:00:00Z'),
  ('task-internal-okrs','Draft Q1 delivery OKRs',NULL,'internal','internal',NULL,'cli-status-todo','cli-priority-medium','cli-type-task',0,NULL,NULL,NULL,NULL,'priya-raman','priya-raman','user-priya-raman','2026-12-12',NULL,4,'manual',NULL,1,NULL,'2026-11-20T00:00:00Z','2026-11-20T00:00:00Z');
UPDATE tasks SET is_private = 1 WHERE id = 'task-ap-private';
INSERT OR IGNORE INTO task_sla (id, task_id, policy_id, priority_id, started_at, response_deadline, resolution_deadline, responded_at, resolved_at, response_breached, resolution_breached, created_at, updated_at) VALUES
  ('tsla-hs-checkout','task-hs-checkout','sla-standard','cli-priority-high','2026-11-23T22:00:00Z','2026-11-24T02:00:00Z','2026-11-25T05:30:00Z',NULL,NULL,0,0,'2026-11-23T22:00:00Z','2026-11-23T22:00:00Z'),
  ('tsla-hs-banner','task-hs-banner','sla-standard','cli-priority-medium','2026-11-18T23:30:00Z','2026-11-19T23:00:00Z','2026-11-25T05:30:00Z','2026-11-19T01:00:00Z','2026-11-24T04:00:00Z',0,0,'2026-11-18T23:30:00Z','2026-11-24T04:00:00Z'),
  ('tsla-hs-giftcards','task-hs-giftcards','sla-standard','cli-priority-low','2026-11-25T00:00:00Z','2026-11-26T23:00:00Z','2026-12-08T03:30:00Z',NULL,NULL,0,0,'2026-11-25T00:00:00Z','2026-11-25T00:00:00Z');
INSERT OR IGNORE INTO inbound_emails (id, message_id, thread_id, from_address, from_name, to_address, subject, text_body, received_at, status, company_id, contact_id, project_id, task_id, created_at) VALUES
  ('ie-hs-checkout','<seed-checkout-1@harbourco.com.au>',NULL,'ben@harbourco.com.au','Ben Cooper','support-harbour@inbound.dotcollective.com.au','Checkout shows the wrong shipping rate for Tasmania','Customers in Tasmania are charged the metro rate at checkout since this morning.','2026-11-23T22:00:00Z','ticketed','co-harbour-co','ct-ben-cooper','proj-harbour-support','task-hs-checkout','2026-11-23T22:00:00Z');
INSERT OR IGNORE INTO task_todos (id, task_id, title, is_done, position, done_at, created_at) VALUES
  ('todo-kp-sync-1','task-kp-job-sync','Map app statuses to dispatch codes',1,1,'2026-11-19T03:00:00Z','2026-11-16T00:00:00Z'),
  ('todo-kp-sync-2','task-kp-job-sync','Webhook receiver for dispatch updates',0,2,NULL,'2026-11-16T00:00:00Z'),
  ('todo-kp-sync-3','task-kp-job-sync','Retry queue for failed pushes',0,3,NULL,'2026-11-16T00:00:00Z'),
  ('todo-hw-wire-1','task-hw-wireframes','Home and category',1,1,'2026-11-10T03:00:00Z','2026-11-01T00:00:00Z'),
  ('todo-hw-wire-2','task-hw-wireframes','Store locator',0,2,NULL,'2026-11-01T00:00:00Z');
INSERT OR IGNORE INTO task_watchers (id, task_id, user_id, created_at) VALUES
  ('tw-kp-sync-liam','task-kp-job-sync','user-liam-murphy','2026-11-13T00:00:00Z'),
  ('tw-kp-sync-daniel','task-kp-job-sync','user-daniel-costa','2026-11-13T00:00:00Z'),
  ('tw-kp-crash-ethan','task-kp-crash','user-ethan-brown','2026-11-24T23:00:00Z'),
  ('tw-hw-wire-lucas','task-hw-wireframes','user-lucas-rossi','2026-08-25T00:00:00Z'),
  ('tw-hs-checkout-sienna','task-hs-checkout','user-sienna-clarke','2026-11-23T22:00:00Z');
INSERT OR IGNORE INTO agent_project_config (id, project_id, is_enabled, features, confidence_threshold, max_runs_per_task, instructions, updated_by, updated_at) VALUES
  ('apc-kinetic','proj-kinetic-platform',1,'["triage","summarise","next_steps"]',70,10,'Kinetic is a logistics client; drivers use Android phones in low-signal depots.','user-daniel-costa','2026-11-01T00:00:00Z'),
  ('apc-harbour-support','proj-harbour-support',1,'["triage","summarise","draft_reply"]',70,10,NULL,'user-tom-fletcher','2026-11-01T00:00:00Z');
INSERT OR IGNORE INTO project_report_settings (id, project_id, frequency, recipients, sections, is_active, updated_by, updated_at) VALUES
  ('prs-harbour-web','proj-harbour-web','weekly','["rachel@harbourco.com.au"]','["summary","progress","risks"]',1,'user-tom-fletcher','2026-09-01T00:00:00Z');
INSERT OR IGNORE INTO history (id, resource_type, resource_id, actor_id, action, details, created_at) VALUES
  ('hist-proj-harbour-web','project','proj-harbour-web','user-tom-fletcher','created','{"name":"Harbour & Co website rebuild","template":"Website build"}','2026-08-25T00:00:00Z'),
  ('hist-proj-harbour-support','project','proj-harbour-support','user-tom-fletcher','created','{"name":"Harbour & Co support retainer"}','2026-06-20T00:00:00Z'),
  ('hist-proj-greenleaf-seo','project','proj-greenleaf-seo','user-aisha-khan','created','{"name":"Greenleaf organic growth"}','2026-03-25T00:00:00Z'),
  ('hist-proj-kinetic-platform','project','proj-kinetic-platform','user-daniel-costa','created','{"name":"Kinetic driver app"}','2026-04-28T00:00:00Z'),
  ('hist-proj-atlas-portal','project','proj-atlas-portal','user-priya-raman','created','{"name":"Atlas Health patient portal"}','2026-11-02T00:00:00Z'),
  ('hist-proj-solace-campaign','project','proj-solace-campaign','user-aisha-khan','created','{"name":"Solace summer campaign"}','2026-07-28T00:00:00Z'),
  ('hist-task-hs-checkout','task','task-hs-checkout',NULL,'created','{"source":"email","from":"Ben Cooper <ben@harbourco.com.au>"}','2026-11-23T22:00:00Z'),
  ('hist-task-kp-job-sync','task','task-kp-job-sync','user-chloe-martin','updated','{"changes":{"status_id":{"from":"cli-status-todo","to":"cli-status-in-progress"}}}','2026-11-18T00:00:00Z');
-- ==== end delivery ====
-- ==== crm ====
INSERT OR REPLACE INTO contact_communications (id, contact_id, type, direction, subject, summary, occurred_at, duration_minutes, logged_by, created_at, updated_at) VALUES
  ('cc-rachel-q4-checkin','ct-rachel-green','call','outbound','Q4 campaign check-in','Happy with the summer campaign results; wants a proposal for always-on paid social in Q1. Budget sign-off sits with the CFO in January.','2026-11-18T03:30:00Z',25,'user-tom-fletcher','2026-11-18T04:00:00Z','2026-11-18T04:00:00Z'),
  ('cc-rachel-recap-email','ct-rachel-green','email','outbound','Recap: October performance report','Sent the October report and flagged the checkout drop-off on mobile.','2026-10-30T22:15:00Z',NULL,'user-tom-fletcher','2026-10-30T22:15:00Z','2026-10-30T22:15:00Z'),
  ('cc-ben-checkout','ct-ben-cooper','email','inbound','Checkout errors on Safari','Reported intermittent payment errors on Safari; passed to the Retail squad.','2026-11-23T21:40:00Z',NULL,'user-sienna-clarke','2026-11-23T22:00:00Z','2026-11-23T22:00:00Z'),
  ('cc-david-roadmap','ct-david-hughes','meeting','outbound','Patient portal roadmap','Walked through the phase 2 roadmap; David wants accessibility audited before launch.','2026-08-20T00:00:00Z',60,'user-priya-raman','2026-08-20T02:00:00Z','2026-08-20T02:00:00Z'),
  ('cc-sam-rebrand','ct-sam-oconnor','call','outbound','Rebrand timeline','Confirmed the rebrand launch moves to February; congratulated Sam on the promotion.','2026-11-20T05:00:00Z',20,'user-aisha-khan','2026-11-20T05:30:00Z','2026-11-20T05:30:00Z'),
  ('cc-jess-intro','ct-jess-lowe','email','inbound','Summer range launch','Jess asked for ideas for the summer range launch while she is on parental leave; Mia covers day to day.','2026-11-10T01:00:00Z',NULL,'user-aisha-khan','2026-11-10T01:10:00Z','2026-11-10T01:10:00Z'),
  ('cc-maya-enrolments','ct-maya-singh','meeting','outbound','2027 enrolments campaign kickoff','Kickoff for the 2027 enrolments campaign; agreed weekly status calls.','2026-11-05T23:00:00Z',45,'user-tom-fletcher','2026-11-06T00:00:00Z','2026-11-06T00:00:00Z'),
  ('cc-peter-renewal','ct-peter-nolan','call','outbound','Retainer renewal','Peter is reviewing the retainer renewal; wants a lighter SEO scope.','2026-10-15T04:00:00Z',30,'user-daniel-costa','2026-10-15T04:30:00Z','2026-10-15T04:30:00Z');
INSERT OR REPLACE INTO contact_relationship_profiles (id, contact_id, preferred_name, communication_preference, communication_notes, personal_notes, birthday, birthday_year, interests, dietary_requirements, assistant_name, assistant_email, reconnect_cadence_days, updated_by, created_at, updated_at) VALUES
  ('crp-rachel-green','ct-rachel-green','Rachel','email','Prefers a short email before any call; no meetings on Fridays.','Training for the Great Ocean Road half marathon. Two kids at primary school.','12-03',1984,'["trail running","natural wine"]',NULL,'Tom Reyes','tom.reyes@harbourco.com.au',30,'user-tom-fletcher','2026-06-01T00:00:00Z','2026-11-18T04:05:00Z'),
  ('crp-david-hughes','ct-david-hughes','Dave','phone','Calls first thing in the morning work best.','Keen cyclist; rides Beach Road on weekends.','02-11',NULL,'["cycling","jazz"]','Vegetarian',NULL,NULL,90,'user-priya-raman','2026-03-10T00:00:00Z','2026-08-20T02:05:00Z'),
  ('crp-jess-lowe','ct-jess-lowe','Jess','linkedin','On parental leave until March; Mia Carter covers day to day.','Founded Solace in 2018 from her kitchen in Fitzroy.','12-09',1988,'["ceramics","surfing"]','Gluten free',NULL,NULL,45,'user-aisha-khan','2026-02-01T00:00:00Z','2026-11-12T03:00:00Z');
INSERT OR REPLACE INTO contact_life_events (id, contact_id, event_type, title, event_date, notes, auto_action_enabled, created_by, created_at, updated_at) VALUES
  ('le-jess-baby','ct-jess-lowe','new_baby','Welcomed a baby girl, Isla','2026-11-12','Send a gift from the team (no flowers — hay fever).',1,'user-aisha-khan','2026-11-12T03:00:00Z','2026-11-12T03:00:00Z'),
  ('le-sam-promotion','ct-sam-oconnor','promotion','Promoted to Head of Brand & Marketing','2026-11-03',NULL,1,'user-aisha-khan','2026-11-03T22:00:00Z','2026-11-03T22:00:00Z'),
  ('le-rachel-anniversary','ct-rachel-green','anniversary','10 years at Harbour & Co','2017-02-14','Joined as a marketing coordinator.',1,'user-tom-fletcher','2026-09-01T00:00:00Z','2026-09-01T00:00:00Z'),
  ('le-maya-new-role','ct-maya-singh','new_role','Joined BrightPath as Enrolments Director','2026-09-01',NULL,0,'user-tom-fletcher','2026-09-03T00:00:00Z','2026-09-03T00:00:00Z');
INSERT OR REPLACE INTO contact_partners (id, contact_id, partner_contact_id, relationship, notes, created_by, created_at) VALUES
  ('cp-nina-ben','ct-nina-park','ct-ben-cooper','former colleague','Worked together at Myer digital.','user-sienna-clarke','2026-05-02T00:00:00Z'),
  ('cp-sam-lily','ct-sam-oconnor','ct-lily-zhang','manager of',NULL,'user-aisha-khan','2026-04-11T00:00:00Z');
INSERT OR REPLACE INTO relationship_auto_actions (id, contact_id, life_event_id, action_type, title, description, due_date, status, assigned_person_id, completed_at, completed_by, created_by, created_at, updated_at) VALUES
  ('rel-event-le-jess-baby','ct-jess-lowe','le-jess-baby','congratulate','Congratulate Jess Lowe: Welcomed a baby girl, Isla','New baby on 2026-11-12','2026-11-26','pending','aisha-khan',NULL,NULL,'user-aisha-khan','2026-11-12T03:00:00Z','2026-11-12T03:00:00Z'),
  ('rel-event-le-sam-promotion','ct-sam-oconnor','le-sam-promotion','congratulate','Congratulate Sam O''Connor: Promoted to Head of Brand & Marketing','Promotion on 2026-11-03','2026-11-04','done','aisha-khan','2026-11-05T01:00:00Z','user-aisha-khan','user-aisha-khan','2026-11-03T22:00:00Z','2026-11-05T01:00:00Z'),
  ('rel-event-le-rachel-anniversary','ct-rachel-green','le-rachel-anniversary','anniversary','Mark Rachel Green''s anniversary: 10 years at Harbour & Co','Anniversary on 2017-02-14','2027-02-14','pending','tom-fletcher',NULL,NULL,'user-tom-fletcher','2026-09-01T00:00:00Z','2026-09-01T00:00:00Z'),
  ('rel-reconnect-ct-rachel-green','ct-rachel-green',NULL,'reconnect','Reconnect with Rachel Green (every 30 days)','Last contact 2026-11-18','2026-12-18','pending','tom-fletcher',NULL,NULL,'user-tom-fletcher','2026-06-01T00:00:00Z','2026-11-18T04:05:00Z'),
  ('rel-birthday-ct-rachel-green-2026','ct-rachel-green',NULL,'birthday','Wish Rachel Green a happy birthday','Birthday 2026-12-03','2026-12-03','pending','tom-fletcher',NULL,NULL,'user-tom-fletcher','2026-06-01T00:00:00Z','2026-06-01T00:00:00Z'),
  ('rel-birthday-ct-jess-lowe-2026','ct-jess-lowe',NULL,'birthday','Wish Jess Lowe a happy birthday','Birthday 2026-12-09','2026-12-09','pending','aisha-khan',NULL,NULL,'user-aisha-khan','2026-02-01T00:00:00Z','2026-02-01T00:00:00Z'),
  ('rel-reconnect-ct-jess-lowe','ct-jess-lowe',NULL,'reconnect','Reconnect with Jess Lowe (every 45 days)','Last contact 2026-11-10','2026-12-25','pending','aisha-khan',NULL,NULL,'user-aisha-khan','2026-02-01T00:00:00Z','2026-11-10T01:10:00Z');
INSERT OR REPLACE INTO action_items (id, title, description, source_module, source_type, source_id, company_id, contact_id, assigned_person_id, due_date, is_completed, completed_at, completed_by, created_by, created_at, updated_at) VALUES
  ('ai-rel-jess-baby','Congratulate Jess Lowe: Welcomed a baby girl, Isla','New baby on 2026-11-12','relationships','congratulate','rel-event-le-jess-baby','co-solace','ct-jess-lowe','aisha-khan','2026-11-26',0,NULL,NULL,'user-aisha-khan','2026-11-12T03:00:00Z','2026-11-12T03:00:00Z'),
  ('ai-rel-sam-promotion','Congratulate Sam O''Connor: Promoted to Head of Brand & Marketing','Promotion on 2026-11-03','relationships','congratulate','rel-event-le-sam-promotion','co-greenleaf','ct-sam-oconnor','aisha-khan','2026-11-04',1,'2026-11-05T01:00:00Z','user-aisha-khan','user-aisha-khan','2026-11-03T22:00:00Z','2026-11-05T01:00:00Z'),
  ('ai-rel-rachel-anniversary','Mark Rachel Green''s anniversary: 10 years at Harbour & Co','Anniversary on 2017-02-14','relationships','anniversary','rel-event-le-rachel-anniversary','co-harbour-co','ct-rachel-green','tom-fletcher','2027-02-14',0,NULL,NULL,'user-tom-fletcher','2026-09-01T00:00:00Z','2026-09-01T00:00:00Z'),
  ('ai-rel-rachel-reconnect','Reconnect with Rachel Green (every 30 days)','Last contact 2026-11-18','relationships','reconnect','rel-reconnect-ct-rachel-green','co-harbour-co','ct-rachel-green','tom-fletcher','2026-12-18',0,NULL,NULL,'user-tom-fletcher','2026-06-01T00:00:00Z','2026-11-18T04:05:00Z'),
  ('ai-rel-rachel-birthday','Wish Rachel Green a happy birthday','Birthday 2026-12-03','relationships','birthday','rel-birthday-ct-rachel-green-2026','co-harbour-co','ct-rachel-green','tom-fletcher','2026-12-03',0,NULL,NULL,'user-tom-fletcher','2026-06-01T00:00:00Z','2026-06-01T00:00:00Z'),
  ('ai-rel-jess-birthday','Wish Jess Lowe a happy birthday','Birthday 2026-12-09','relationships','birthday','rel-birthday-ct-jess-lowe-2026','co-solace','ct-jess-lowe','aisha-khan','2026-12-09',0,NULL,NULL,'user-aisha-khan','2026-02-01T00:00:00Z','2026-02-01T00:00:00Z'),
  ('ai-rel-jess-reconnect','Reconnect with Jess Lowe (every 45 days)','Last contact 2026-11-10','relationships','reconnect','rel-reconnect-ct-jess-lowe','co-solace','ct-jess-lowe','aisha-khan','2026-12-25',0,NULL,NULL,'user-aisha-khan','2026-02-01T00:00:00Z','2026-11-10T01:10:00Z');
INSERT OR REPLACE INTO relationship_messages (id, contact_id, auto_action_id, channel, subject, body, status, drafted_by, sent_at, sent_by, created_by, created_at, updated_at) VALUES
  ('rm-jess-baby','ct-jess-lowe','rel-event-le-jess-baby','email','Congratulations, Jess!','Hi Jess,

Huge congratulations on the arrival of Isla — the whole team is thrilled for you. A little something is on its way from all of us.

No need to reply; enjoy every minute.

Best,
Aisha','draft','rule_based',NULL,NULL,'user-aisha-khan','2026-11-24T23:00:00Z','2026-11-24T23:00:00Z'),
  ('rm-sam-promotion','ct-sam-oconnor','rel-event-le-sam-promotion','linkedin',NULL,'Hi Sam, congratulations on the move to Head of Brand & Marketing — very well deserved. Looking forward to the rebrand launch together. Aisha','sent','manual','2026-11-05T01:00:00Z','user-aisha-khan','user-aisha-khan','2026-11-05T00:40:00Z','2026-11-05T01:00:00Z');
INSERT OR REPLACE INTO lead_scan_log (id, source, started_at, finished_at, status, counts, error, triggered_by, created_at) VALUES
  ('lsl-linkedin-2026-11-25','linkedin_alerts','2026-11-25T02:00:00Z','2026-11-25T02:03:12Z','succeeded','{"scanned":214,"matched":9,"created":2}',NULL,NULL,'2026-11-25T02:00:00Z'),
  ('lsl-forms-2026-11-24','inbound_forms','2026-11-24T20:00:00Z','2026-11-24T20:00:41Z','partial','{"scanned":17,"matched":5,"created":3,"skipped":2}','2 submissions had no email address',NULL,'2026-11-24T20:00:00Z'),
  ('lsl-visits-2026-11-23','website_visits','2026-11-23T20:00:00Z','2026-11-23T20:00:05Z','failed','{"scanned":0}','Analytics API answered 503 (service unavailable)','user-marcus-lee','2026-11-23T20:00:00Z');
INSERT OR REPLACE INTO history (id, resource_type, resource_id, actor_id, action, details, created_at) VALUES
  ('hist-crm-rachel-call','contact','ct-rachel-green','user-tom-fletcher','communication_logged','{"type":"call","direction":"outbound","subject":"Q4 campaign check-in","occurred_at":"2026-11-18T03:30:00Z"}','2026-11-18T04:00:00Z'),
  ('hist-crm-jess-baby','contact','ct-jess-lowe','user-aisha-khan','life_event_added','{"type":"New baby","title":"Welcomed a baby girl, Isla","date":"2026-11-12"}','2026-11-12T03:00:00Z'),
  ('hist-crm-harbour-online','company','co-harbour-online','user-olivia-bennett','updated','{"changes":{"parent_id":{"from":null,"to":"co-harbour-co"}}}','2026-03-02T00:00:00Z');
-- ==== end crm ====
-- ==== people: directory, syncs, squads ====
-- The seed import from Productive (matches people.synced_at), so the directory reports its age.
INSERT OR REPLACE INTO sync_runs (id, provider, trigger, status, started_at, finished_at, summary, error, triggered_by) VALUES
  ('sync-seed-productive','productive','manual','succeeded','2026-11-24T23:59:30Z','2026-11-25T00:00:00Z','{"fetched":30,"created":30,"updated":0,"unchanged":0,"removed":0,"matchedUsers":28,"squadsCreated":7,"skipped":0,"createdNames":[],"updatedNames":[],"removedNames":[],"squadNames":[]}',NULL,'user-olivia-bennett');
INSERT OR REPLACE INTO squad_leads (id, squad_id, person_id, role, created_by) VALUES
  ('sl-apollo-director','squad-apollo','priya-raman','director','user-olivia-bennett'),
  ('sl-apex-director','squad-apex','priya-raman','director','user-olivia-bennett'),
  ('sl-apollo-design','squad-apollo','isla-thompson','design_lead','user-priya-raman'),
  ('sl-nova-strategy','squad-nova','ruby-davies','strategy_lead','user-priya-raman');
INSERT OR REPLACE INTO squad_notification_config (id, squad_id, slack_channel, notify_members_on_session, notify_leads_on_session, notify_assignee_on_action, updated_by) VALUES
  ('snc-apollo','squad-apollo','squad-apollo',1,1,1,'user-priya-raman'),
  ('snc-apex','squad-apex','squad-apex',0,1,1,'user-priya-raman');
INSERT OR REPLACE INTO squad_sessions (id, squad_id, week_start, status, progress, plans, problems, promotions, brief_source, snapshot, facilitator_person_id, created_by, completed_at, created_at, updated_at) VALUES
  ('ss-apex-2026-11-16','squad-apex','2026-11-16','completed',
   '- Kinetic Logistics carrier API integration shipped to staging.
- 4 action items completed by the squad last week.',
   '- Production cut-over for Kinetic on Thursday.
- Ethan to pair with Chloe on the webhook retry queue.',
   '- Ethan''s timesheet for last week is still missing.
- Staging database is close to its storage limit.',
   '- Welcome Kai Robinson (Polaris), who started 2026-11-02.
- Chloe Martin now leads the integrations guild.',
   'rules',
   '[{"personId":"liam-murphy","name":"Liam Murphy","pronunciation":null,"status":"active","capacityHours":38,"openActions":0,"overdueActions":0,"dueThisWeek":0,"completedLastWeek":2},{"personId":"chloe-martin","name":"Chloe Martin","pronunciation":null,"status":"active","capacityHours":38,"openActions":0,"overdueActions":0,"dueThisWeek":0,"completedLastWeek":1},{"personId":"ethan-brown","name":"Ethan Brown","pronunciation":null,"status":"active","capacityHours":38,"openActions":1,"overdueActions":0,"dueThisWeek":1,"completedLastWeek":1},{"personId":"daniel-costa","name":"Daniel Costa","pronunciation":null,"status":"active","capacityHours":38,"openActions":1,"overdueActions":0,"dueThisWeek":1,"completedLastWeek":0}]',
   'priya-raman','user-priya-raman','2026-11-16T23:00:00Z','2026-11-16T22:10:00Z','2026-11-16T23:00:00Z');
INSERT OR REPLACE INTO squad_actions (id, session_id, squad_id, title, assignee_person_id, due_date, status, completed_at, created_by, created_at, updated_at) VALUES
  ('sa-apex-cutover','ss-apex-2026-11-16','squad-apex','Run the Kinetic production cut-over checklist','liam-murphy','2026-11-20','done','2026-11-20T06:00:00Z','user-priya-raman','2026-11-16T22:40:00Z','2026-11-20T06:00:00Z'),
  ('sa-apex-storage','ss-apex-2026-11-16','squad-apex','Archive old staging snapshots to free database storage','chloe-martin','2026-11-27','open',NULL,'user-priya-raman','2026-11-16T22:45:00Z','2026-11-16T22:45:00Z');
INSERT OR REPLACE INTO action_items (id, title, description, source_module, source_type, source_id, assigned_person_id, due_date, is_completed, completed_at, completed_by, created_by, created_at, updated_at) VALUES
  ('ai-squad-apex-cutover','Run the Kinetic production cut-over checklist','From the Apex kickoff, week of 2026-11-16','squads','squad_action','sa-apex-cutover','liam-murphy','2026-11-20',1,'2026-11-20T06:00:00Z','user-liam-murphy','user-priya-raman','2026-11-16T22:40:00Z','2026-11-20T06:00:00Z'),
  ('ai-squad-apex-storage','Archive old staging snapshots to free database storage','From the Apex kickoff, week of 2026-11-16','squads','squad_action','sa-apex-storage','chloe-martin','2026-11-27',0,NULL,NULL,'user-priya-raman','2026-11-16T22:45:00Z','2026-11-16T22:45:00Z');
-- ==== end people: directory, syncs, squads ====
-- ==== deals ====
-- Two pipelines (the default "New business" and "Renewals"), a dozen deals across stages,
-- companies and owners. Timestamps are relative to now so "days in stage" and rotting stay
-- believable: BrightPath enrolments has sat in Qualified for 30 days (rotting after 14).
-- INSERT OR IGNORE: re-running never cascades deletes into stage history or links.
INSERT OR IGNORE INTO deal_pipeline_templates (id, name, description, is_default, is_active, created_by) VALUES
  ('pipe-new-business','New business','Net-new client work, from first conversation to signed SOW.',1,1,'user-marcus-lee'),
  ('pipe-renewals','Renewals','Retainer and support renewals for existing clients.',0,1,'user-marcus-lee');
INSERT OR IGNORE INTO deal_pipeline_stages (id, template_id, name, position, probability, stage_type, rotting_days) VALUES
  ('stg-lead','pipe-new-business','Lead',1,10,'open',21),
  ('stg-qualified','pipe-new-business','Qualified',2,25,'open',14),
  ('stg-proposal','pipe-new-business','Proposal',3,50,'open',14),
  ('stg-negotiation','pipe-new-business','Negotiation',4,75,'open',10),
  ('stg-won','pipe-new-business','Won',5,100,'won',NULL),
  ('stg-lost','pipe-new-business','Lost',6,0,'lost',NULL),
  ('stg-ren-upcoming','pipe-renewals','Upcoming',1,60,'open',30),
  ('stg-ren-negotiating','pipe-renewals','Negotiating',2,80,'open',14),
  ('stg-ren-renewed','pipe-renewals','Renewed',3,100,'won',NULL),
  ('stg-ren-churned','pipe-renewals','Churned',4,0,'lost',NULL);
INSERT OR IGNORE INTO deals (id, title, description, company_id, primary_contact_id, pipeline_id, stage_id, owner_id, value_cents, currency, status, expected_close_date, closed_at, close_reason, source, stage_entered_at, created_by, created_at, updated_at) VALUES
  ('deal-greenleaf-rebrand','Greenleaf brand refresh','Brand refresh and design system ahead of the 2027 campaign season.','co-greenleaf','ct-sam-oconnor','pipe-new-business','stg-proposal','emily-chen',4800000,'AUD','open','2026-12-19',NULL,NULL,'Referral',strftime('%Y-%m-%dT%H:%M:%SZ','now','-6 days'),'user-emily-chen',strftime('%Y-%m-%dT%H:%M:%SZ','now','-40 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-2 days')),
  ('deal-urban-pantry-app','Urban Pantry ordering app','Native ordering app with loyalty integration.','co-urban-pantry','ct-tim-baker','pipe-new-business','stg-qualified','ella-white',6500000,'AUD','open','2027-02-27',NULL,NULL,'Inbound',strftime('%Y-%m-%dT%H:%M:%SZ','now','-9 days'),'user-ella-white',strftime('%Y-%m-%dT%H:%M:%SZ','now','-20 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-3 days')),
  ('deal-harbour-loyalty','Harbour & Co loyalty program','Points-based loyalty program across store and online.','co-harbour-co','ct-rachel-green','pipe-new-business','stg-negotiation','tom-fletcher',12000000,'AUD','open','2026-12-12',NULL,NULL,'Existing client',strftime('%Y-%m-%dT%H:%M:%SZ','now','-4 days'),'user-tom-fletcher',strftime('%Y-%m-%dT%H:%M:%SZ','now','-60 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-1 days')),
  ('deal-harbour-online-seo','Harbour Online SEO uplift','Technical SEO and category content for the online store.','co-harbour-online','ct-nina-park','pipe-new-business','stg-lead','sienna-clarke',1800000,'AUD','open','2027-01-30',NULL,NULL,'Existing client',strftime('%Y-%m-%dT%H:%M:%SZ','now','-5 days'),'user-sienna-clarke',strftime('%Y-%m-%dT%H:%M:%SZ','now','-5 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-5 days')),
  ('deal-atlas-portal-phase2','Atlas patient portal phase 2','Build and launch after the alpha: bookings, results, messaging.','co-atlas-health','ct-david-hughes','pipe-new-business','stg-proposal','marcus-lee',21000000,'AUD','open','2027-01-15',NULL,NULL,'Existing client',strftime('%Y-%m-%dT%H:%M:%SZ','now','-8 days'),'user-marcus-lee',strftime('%Y-%m-%dT%H:%M:%SZ','now','-35 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-2 days')),
  ('deal-brightpath-enrol','BrightPath enrolment funnel','CRO and paid search for the 2027 enrolment intake.','co-brightpath','ct-maya-singh','pipe-new-business','stg-qualified','henry-scott',3600000,'AUD','open','2026-12-05',NULL,NULL,'Outbound',strftime('%Y-%m-%dT%H:%M:%SZ','now','-30 days'),'user-henry-scott',strftime('%Y-%m-%dT%H:%M:%SZ','now','-45 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-30 days')),
  ('deal-kinetic-tracking','Kinetic live tracking','Customer-facing live delivery tracking on top of the driver app.','co-kinetic','ct-peter-nolan','pipe-new-business','stg-negotiation','daniel-costa',8800000,'AUD','open','2026-12-20',NULL,NULL,'Existing client',strftime('%Y-%m-%dT%H:%M:%SZ','now','-3 days'),'user-daniel-costa',strftime('%Y-%m-%dT%H:%M:%SZ','now','-28 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-1 days')),
  ('deal-solace-summer','Solace always-on social','Always-on paid social after the summer launch.','co-solace','ct-jess-lowe','pipe-new-business','stg-lead','henry-scott',2200000,'AUD','open','2027-02-01',NULL,NULL,'Existing client',strftime('%Y-%m-%dT%H:%M:%SZ','now','-2 days'),'user-henry-scott',strftime('%Y-%m-%dT%H:%M:%SZ','now','-2 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-2 days')),
  ('deal-greenleaf-ads','Greenleaf paid search','Paid search management for the winter campaign.','co-greenleaf','ct-lily-zhang','pipe-new-business','stg-won','emily-chen',3000000,'AUD','won','2026-11-10',strftime('%Y-%m-%dT%H:%M:%SZ','now','-15 days'),'Strong results from the pilot',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-15 days'),'user-emily-chen',strftime('%Y-%m-%dT%H:%M:%SZ','now','-50 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-15 days')),
  ('deal-solace-campaign','Solace summer launch','Paid social launch for the summer range.','co-solace','ct-jess-lowe','pipe-new-business','stg-won','marcus-lee',4200000,'AUD','won','2026-09-30',strftime('%Y-%m-%dT%H:%M:%SZ','now','-70 days'),'Signed SOW',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-70 days'),'user-marcus-lee',strftime('%Y-%m-%dT%H:%M:%SZ','now','-120 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-70 days')),
  ('deal-kinetic-warehouse','Kinetic warehouse dashboard','Operations dashboard for the Dandenong warehouse.','co-kinetic','ct-peter-nolan','pipe-new-business','stg-lost','emily-chen',5400000,'AUD','lost','2026-10-31',strftime('%Y-%m-%dT%H:%M:%SZ','now','-25 days'),'Went with an in-house build',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-25 days'),'user-emily-chen',strftime('%Y-%m-%dT%H:%M:%SZ','now','-80 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-25 days')),
  ('deal-urban-pantry-renewal','Urban Pantry support renewal','12-month support retainer renewal.','co-urban-pantry','ct-tim-baker','pipe-renewals','stg-ren-negotiating','emily-chen',2400000,'AUD','open','2026-12-31',NULL,NULL,'Renewal',strftime('%Y-%m-%dT%H:%M:%SZ','now','-5 days'),'user-emily-chen',strftime('%Y-%m-%dT%H:%M:%SZ','now','-20 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-5 days'));
INSERT OR IGNORE INTO deal_stage_history (id, deal_id, stage_id, stage_name, from_stage_id, entered_at, exited_at, moved_by) VALUES
  ('dsh-greenleaf-rebrand-1','deal-greenleaf-rebrand','stg-qualified','Qualified',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-40 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-6 days'),'user-emily-chen'),
  ('dsh-greenleaf-rebrand-2','deal-greenleaf-rebrand','stg-proposal','Proposal','stg-qualified',strftime('%Y-%m-%dT%H:%M:%SZ','now','-6 days'),NULL,'user-emily-chen'),
  ('dsh-urban-pantry-app-1','deal-urban-pantry-app','stg-lead','Lead',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-20 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-9 days'),'user-ella-white'),
  ('dsh-urban-pantry-app-2','deal-urban-pantry-app','stg-qualified','Qualified','stg-lead',strftime('%Y-%m-%dT%H:%M:%SZ','now','-9 days'),NULL,'user-ella-white'),
  ('dsh-harbour-loyalty-1','deal-harbour-loyalty','stg-proposal','Proposal',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-60 days'),strftime('%Y-%m-%dT%H:%M:%SZ','now','-4 days'),'user-tom-fletcher'),
  ('dsh-harbour-loyalty-2','deal-harbour-loyalty','stg-negotiation','Negotiation','stg-proposal',strftime('%Y-%m-%dT%H:%M:%SZ','now','-4 days'),NULL,'user-tom-fletcher'),
  ('dsh-harbour-online-seo-1','deal-harbour-online-seo','stg-lead','Lead',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-5 days'),NULL,'user-sienna-clarke'),
  ('dsh-atlas-portal-phase2-1','deal-atlas-portal-phase2','stg-proposal','Proposal',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-8 days'),NULL,'user-marcus-lee'),
  ('dsh-brightpath-enrol-1','deal-brightpath-enrol','stg-qualified','Qualified',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-30 days'),NULL,'user-henry-scott'),
  ('dsh-kinetic-tracking-1','deal-kinetic-tracking','stg-negotiation','Negotiation',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-3 days'),NULL,'user-daniel-costa'),
  ('dsh-solace-summer-1','deal-solace-summer','stg-lead','Lead',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-2 days'),NULL,'user-henry-scott'),
  ('dsh-greenleaf-ads-1','deal-greenleaf-ads','stg-won','Won',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-15 days'),NULL,'user-emily-chen'),
  ('dsh-solace-campaign-1','deal-solace-campaign','stg-won','Won',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-70 days'),NULL,'user-marcus-lee'),
  ('dsh-kinetic-warehouse-1','deal-kinetic-warehouse','stg-lost','Lost',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-25 days'),NULL,'user-emily-chen'),
  ('dsh-urban-pantry-renewal-1','deal-urban-pantry-renewal','stg-ren-negotiating','Negotiating',NULL,strftime('%Y-%m-%dT%H:%M:%SZ','now','-5 days'),NULL,'user-emily-chen');
INSERT OR IGNORE INTO deal_participants (id, deal_id, person_id, role, added_by) VALUES
  ('dp-harbour-loyalty-sienna','deal-harbour-loyalty','sienna-clarke','Account lead','user-tom-fletcher'),
  ('dp-atlas-phase2-daniel','deal-atlas-portal-phase2','daniel-costa','Solution architect','user-marcus-lee'),
  ('dp-greenleaf-rebrand-ella','deal-greenleaf-rebrand','ella-white','Bid support','user-emily-chen'),
  ('dp-urban-pantry-app-emily','deal-urban-pantry-app','emily-chen','Sales manager','user-ella-white');
INSERT OR IGNORE INTO deal_contact_links (id, deal_id, contact_id, role, added_by) VALUES
  ('dcl-greenleaf-rebrand-sam','deal-greenleaf-rebrand','ct-sam-oconnor','decision_maker','user-emily-chen'),
  ('dcl-greenleaf-rebrand-lily','deal-greenleaf-rebrand','ct-lily-zhang','influencer','user-emily-chen'),
  ('dcl-harbour-loyalty-rachel','deal-harbour-loyalty','ct-rachel-green','economic_buyer','user-tom-fletcher'),
  ('dcl-harbour-loyalty-ben','deal-harbour-loyalty','ct-ben-cooper','champion','user-tom-fletcher'),
  ('dcl-atlas-phase2-david','deal-atlas-portal-phase2','ct-david-hughes','decision_maker','user-marcus-lee');
INSERT OR IGNORE INTO deal_project_links (id, deal_id, project_id, created_by) VALUES
  ('dpl-solace-campaign','deal-solace-campaign','proj-solace-campaign','user-marcus-lee');
INSERT OR IGNORE INTO history (id, resource_type, resource_id, actor_id, action, details, created_at) VALUES
  ('hist-deal-greenleaf-rebrand-created','deal','deal-greenleaf-rebrand','user-emily-chen','created','{"title":"Greenleaf brand refresh"}',strftime('%Y-%m-%dT%H:%M:%SZ','now','-40 days')),
  ('hist-deal-greenleaf-rebrand-moved','deal','deal-greenleaf-rebrand','user-emily-chen','stage_changed','{"changes":{"stage":{"from":"Qualified","to":"Proposal"}}}',strftime('%Y-%m-%dT%H:%M:%SZ','now','-6 days')),
  ('hist-deal-solace-campaign-won','deal','deal-solace-campaign','user-marcus-lee','won','{"reason":"Signed SOW","project_id":"proj-solace-campaign"}',strftime('%Y-%m-%dT%H:%M:%SZ','now','-70 days'));
-- ==== end deals ====
-- ==== payroll ====
-- Cached Xero Payroll AU figures (pay_summaries, payslips) for a few people, as the last refresh
-- left them. Nobody is linked to a Xero employee in the seed, so no background refresh runs;
-- line items are kept for the two most recent payslips only (older ones keep their totals).
INSERT OR REPLACE INTO pay_summaries (person_id, xero_employee_id, annual_salary_cents, earnings_ytd_cents, ytd_from, next_pay_date, pay_frequency, pay_calendar_name, currency, fetched_at, created_at, updated_at) VALUES
  ('ethan-brown',NULL,9500000,4019235,'2026-07-01','2026-12-03','FORTNIGHTLY','Fortnightly (Thursday)','AUD','2026-11-25T00:00:00Z','2026-11-25T00:00:00Z','2026-11-25T00:00:00Z'),
  ('daniel-costa',NULL,16500000,6980765,'2026-07-01','2026-12-03','FORTNIGHTLY','Fortnightly (Thursday)','AUD','2026-11-25T00:00:00Z','2026-11-25T00:00:00Z','2026-11-25T00:00:00Z'),
  ('olivia-bennett',NULL,24000000,10153847,'2026-07-01','2026-12-03','FORTNIGHTLY','Fortnightly (Thursday)','AUD','2026-11-25T00:00:00Z','2026-11-25T00:00:00Z','2026-11-25T00:00:00Z');
INSERT OR REPLACE INTO payslips (id, person_id, xero_payslip_id, xero_pay_run_id, period_start, period_end, pay_date, currency, gross_cents, deductions_cents, tax_cents, super_cents, reimbursements_cents, net_cents, earnings_lines, deduction_lines, super_lines, tax_lines, fetched_at) VALUES
  ('payslip-ethan-2026-11-19','ethan-brown','seed-xps-ethan-2026-11-19','seed-xpr-2026-11-19','2026-11-03','2026-11-16','2026-11-19','AUD',365385,0,81492,43846,0,283893,'[{"name":"Ordinary Hours","units":76,"rate_cents":null,"amount_cents":365385}]','[]','[{"name":"Superannuation guarantee","units":null,"rate_cents":null,"amount_cents":43846}]','[{"name":"PAYG Tax","units":null,"rate_cents":null,"amount_cents":81492}]','2026-11-25T00:00:00Z'),
  ('payslip-ethan-2026-11-05','ethan-brown','seed-xps-ethan-2026-11-05','seed-xpr-2026-11-05','2026-10-20','2026-11-02','2026-11-05','AUD',365385,0,81492,43846,0,283893,'[{"name":"Ordinary Hours","units":76,"rate_cents":null,"amount_cents":365385}]','[]','[{"name":"Superannuation guarantee","units":null,"rate_cents":null,"amount_cents":43846}]','[{"name":"PAYG Tax","units":null,"rate_cents":null,"amount_cents":81492}]','2026-11-25T00:00:00Z'),
  ('payslip-ethan-2026-10-22','ethan-brown','seed-xps-ethan-2026-10-22','seed-xpr-2026-10-22','2026-10-06','2026-10-19','2026-10-22','AUD',365385,0,81492,43846,0,283893,NULL,NULL,NULL,NULL,'2026-11-25T00:00:00Z'),
  ('payslip-daniel-2026-11-19','daniel-costa','seed-xps-daniel-2026-11-19','seed-xpr-2026-11-19','2026-11-03','2026-11-16','2026-11-19','AUD',634615,20000,175723,76154,0,438892,'[{"name":"Ordinary Hours","units":76,"rate_cents":null,"amount_cents":634615}]','[{"name":"Salary sacrifice (super)","units":null,"rate_cents":null,"amount_cents":20000}]','[{"name":"Superannuation guarantee","units":null,"rate_cents":null,"amount_cents":76154}]','[{"name":"PAYG Tax","units":null,"rate_cents":null,"amount_cents":175723}]','2026-11-25T00:00:00Z'),
  ('payslip-daniel-2026-11-05','daniel-costa','seed-xps-daniel-2026-11-05','seed-xpr-2026-11-05','2026-10-20','2026-11-02','2026-11-05','AUD',634615,20000,175723,76154,0,438892,'[{"name":"Ordinary Hours","units":76,"rate_cents":null,"amount_cents":634615}]','[{"name":"Salary sacrifice (super)","units":null,"rate_cents":null,"amount_cents":20000}]','[{"name":"Superannuation guarantee","units":null,"rate_cents":null,"amount_cents":76154}]','[{"name":"PAYG Tax","units":null,"rate_cents":null,"amount_cents":175723}]','2026-11-25T00:00:00Z'),
  ('payslip-daniel-2026-10-22','daniel-costa','seed-xps-daniel-2026-10-22','seed-xpr-2026-10-22','2026-10-06','2026-10-19','2026-10-22','AUD',634615,20000,175723,76154,0,438892,NULL,NULL,NULL,NULL,'2026-11-25T00:00:00Z'),
  ('payslip-olivia-2026-11-19','olivia-bennett','seed-xps-olivia-2026-11-19','seed-xpr-2026-11-19','2026-11-03','2026-11-16','2026-11-19','AUD',923077,0,303608,110769,0,619469,'[{"name":"Ordinary Hours","units":76,"rate_cents":null,"amount_cents":923077}]','[]','[{"name":"Superannuation guarantee","units":null,"rate_cents":null,"amount_cents":110769}]','[{"name":"PAYG Tax","units":null,"rate_cents":null,"amount_cents":303608}]','2026-11-25T00:00:00Z'),
  ('payslip-olivia-2026-11-05','olivia-bennett','seed-xps-olivia-2026-11-05','seed-xpr-2026-11-05','2026-10-20','2026-11-02','2026-11-05','AUD',923077,0,303608,110769,0,619469,'[{"name":"Ordinary Hours","units":76,"rate_cents":null,"amount_cents":923077}]','[]','[{"name":"Superannuation guarantee","units":null,"rate_cents":null,"amount_cents":110769}]','[{"name":"PAYG Tax","units":null,"rate_cents":null,"amount_cents":303608}]','2026-11-25T00:00:00Z');
-- ==== end payroll ====
-- ==== contracts ====
-- One MSA template on the generated base document (no R2 object needed: the PDF is rendered
-- when asked for), and three contracts: a draft, one out for signature and a completed NDA
-- renewing within 30 days (the contracts list raises its renewal reminder).
INSERT OR IGNORE INTO contract_templates (id, name, description, contract_type, signer_roles, fields_schema, pdf_key, page_count, is_active, created_by, created_at, updated_at) VALUES
  ('ctpl-msa','Master services agreement','Our standard MSA for retainer and project clients.','msa',
   '[{"id":"role-client","label":"Client signatory"},{"id":"role-agency","label":"Agency signatory"}]',
   '[{"id":"fld-client-sig","type":"signature","label":"Client signature","signer_role_id":"role-client","page":2,"x_pct":10,"y_pct":20,"w_pct":45,"h_pct":8,"required":true},{"id":"fld-client-date","type":"date","label":"Client date","signer_role_id":"role-client","page":2,"x_pct":62,"y_pct":23,"w_pct":25,"h_pct":5,"required":true},{"id":"fld-client-authority","type":"checkbox","label":"I am authorised to sign for the client","signer_role_id":"role-client","page":2,"x_pct":10,"y_pct":70,"w_pct":3,"h_pct":2,"required":true},{"id":"fld-agency-sig","type":"signature","label":"Agency signature","signer_role_id":"role-agency","page":2,"x_pct":10,"y_pct":44,"w_pct":45,"h_pct":8,"required":true},{"id":"fld-agency-date","type":"date","label":"Agency date","signer_role_id":"role-agency","page":2,"x_pct":62,"y_pct":47,"w_pct":25,"h_pct":5,"required":true}]',
   NULL,2,1,'user-olivia-bennett','2026-09-01T00:00:00Z','2026-09-01T00:00:00Z');
INSERT OR IGNORE INTO contracts (id, template_id, title, contract_type, company_id, deal_id, owner_id, status, value_cents, currency, start_date, end_date, renewal_date, renewal_notice_days, terms, page_count, signer_roles, fields_schema, base_pdf_key, sent_at, completed_at, created_by, created_at, updated_at)
SELECT 'contract-harbour-loyalty-msa','ctpl-msa','Harbour & Co loyalty program MSA','msa','co-harbour-co','deal-harbour-loyalty','daniel-costa','draft',18500000,'AUD','2027-01-05','2027-12-31','2027-12-31',30,NULL,2,signer_roles,fields_schema,NULL,NULL,NULL,'user-daniel-costa','2026-11-20T03:00:00Z','2026-11-20T03:00:00Z'
FROM contract_templates WHERE id = 'ctpl-msa';
INSERT OR IGNORE INTO contracts (id, template_id, title, contract_type, company_id, deal_id, owner_id, status, value_cents, currency, start_date, end_date, renewal_date, renewal_notice_days, terms, page_count, signer_roles, fields_schema, base_pdf_key, sent_at, completed_at, created_by, created_at, updated_at)
SELECT 'contract-greenleaf-msa','ctpl-msa','Greenleaf Energy brand refresh MSA','msa','co-greenleaf','deal-greenleaf-rebrand','olivia-bennett','sent',9600000,'AUD','2026-12-01','2027-11-30','2027-11-30',45,'Includes two rounds of revisions per deliverable.',2,signer_roles,fields_schema,NULL,'2026-11-22T23:10:00Z',NULL,'user-olivia-bennett','2026-11-22T22:40:00Z','2026-11-22T23:10:00Z'
FROM contract_templates WHERE id = 'ctpl-msa';
INSERT OR IGNORE INTO contracts (id, template_id, title, contract_type, company_id, deal_id, owner_id, status, value_cents, currency, start_date, end_date, renewal_date, renewal_notice_days, terms, page_count, signer_roles, fields_schema, base_pdf_key, sent_at, completed_at, created_by, created_at, updated_at)
SELECT 'contract-harbour-retainer','ctpl-msa','Harbour & Co support retainer 2026','msa','co-harbour-co',NULL,'olivia-bennett','completed',4800000,'AUD','2026-01-01','2026-12-31','2026-12-15',30,NULL,2,signer_roles,fields_schema,NULL,'2025-12-02T01:00:00Z','2025-12-04T05:30:00Z','user-olivia-bennett','2025-12-01T22:00:00Z','2025-12-04T05:30:00Z'
FROM contract_templates WHERE id = 'ctpl-msa';
INSERT OR IGNORE INTO contract_signers (id, contract_id, role_id, role_label, name, email, sign_order, status, token_hash, token_expires_at, sent_at, viewed_at, signed_at, ip, user_agent, field_values, created_at, updated_at) VALUES
  ('cs-loyalty-client','contract-harbour-loyalty-msa','role-client','Client signatory','Rachel Green','rachel@harbourco.com.au',1,'pending',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-20T03:00:00Z','2026-11-20T03:00:00Z'),
  ('cs-loyalty-agency','contract-harbour-loyalty-msa','role-agency','Agency signatory','Olivia Bennett','olivia.bennett@dotcollective.com.au',2,'pending',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-20T03:00:00Z','2026-11-20T03:00:00Z'),
  ('cs-greenleaf-client','contract-greenleaf-msa','role-client','Client signatory','Sam O''Connor','sam@greenleafenergy.com.au',1,'viewed',NULL,NULL,'2026-11-22T23:10:00Z','2026-11-23T00:02:00Z',NULL,'203.0.113.24','Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15',NULL,'2026-11-22T22:40:00Z','2026-11-23T00:02:00Z'),
  ('cs-greenleaf-agency','contract-greenleaf-msa','role-agency','Agency signatory','Olivia Bennett','olivia.bennett@dotcollective.com.au',2,'pending',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-22T22:40:00Z','2026-11-22T22:40:00Z'),
  ('cs-retainer-client','contract-harbour-retainer','role-client','Client signatory','Rachel Green','rachel@harbourco.com.au',1,'signed',NULL,NULL,'2025-12-02T01:00:00Z','2025-12-02T03:12:00Z','2025-12-02T03:15:00Z','203.0.113.10','Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36','{"fld-client-sig":{"type":"typed","value":"Rachel Green"},"fld-client-date":"2025-12-02","fld-client-authority":true}','2025-12-01T22:00:00Z','2025-12-02T03:15:00Z'),
  ('cs-retainer-agency','contract-harbour-retainer','role-agency','Agency signatory','Olivia Bennett','olivia.bennett@dotcollective.com.au',2,'signed',NULL,NULL,'2025-12-02T03:15:00Z','2025-12-04T05:28:00Z','2025-12-04T05:30:00Z','198.51.100.7','Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 Chrome/131.0 Safari/537.36','{"fld-agency-sig":{"type":"typed","value":"Olivia Bennett"},"fld-agency-date":"2025-12-04"}','2025-12-01T22:00:00Z','2025-12-04T05:30:00Z');
INSERT OR IGNORE INTO history (id, resource_type, resource_id, actor_id, action, details, created_at) VALUES
  ('hist-contract-loyalty-created','contract','contract-harbour-loyalty-msa','user-daniel-costa','created','{"title":"Harbour & Co loyalty program MSA","templateId":"ctpl-msa"}','2026-11-20T03:00:00Z'),
  ('hist-contract-greenleaf-created','contract','contract-greenleaf-msa','user-olivia-bennett','created','{"title":"Greenleaf Energy brand refresh MSA","templateId":"ctpl-msa"}','2026-11-22T22:40:00Z'),
  ('hist-contract-greenleaf-sent','contract','contract-greenleaf-msa','user-olivia-bennett','sent','{"emailedSigner":"Sam O''Connor <sam@greenleafenergy.com.au>","changes":{"status":{"from":"draft","to":"sent"}}}','2026-11-22T23:10:00Z'),
  ('hist-contract-retainer-completed','contract','contract-harbour-retainer',NULL,'completed','{"changes":{"status":{"from":"sent","to":"completed"}}}','2025-12-04T05:30:00Z');
-- ==== end contracts ====
-- ==== meetings ====
INSERT OR REPLACE INTO meetings (id, title, description, starts_at, ends_at, status, category, calendar_event_id, granola_note_id, summary, organizer_email, organizer_person_id, owner_person_id, matched_type, matched_id, match_confidence, match_status, match_reasons, matched_by, matched_at, synced_at, created_at, updated_at) VALUES
  ('mtg-greenleaf-catchup','Quarterly catch-up',NULL,'2026-11-20T23:00:00Z','2026-11-20T23:45:00Z','confirmed','client','evt-greenleaf-catchup',NULL,NULL,'aisha.khan@dotcollective.com.au','aisha-khan','aisha-khan','company','co-greenleaf',65,'suggested','{"best":{"type":"company","id":"co-greenleaf","name":"Greenleaf Energy","score":65,"signals":[{"signal":"contacts","points":40,"detail":"1 of 1 external attendee is a contact at Greenleaf Energy"},{"signal":"domain","points":25,"detail":"An attendee''s email domain is greenleafenergy.com.au"}]},"others":[{"type":"project","id":"proj-greenleaf-seo","name":"Greenleaf organic growth","score":56}]}',NULL,'2026-11-21T00:00:00Z','2026-11-21T00:00:00Z','2026-11-21T00:00:00Z','2026-11-21T00:00:00Z'),
  ('mtg-northwind-intro','Intro call',NULL,'2026-11-19T02:00:00Z','2026-11-19T02:30:00Z','confirmed','client','evt-northwind-intro',NULL,NULL,'marcus.lee@dotcollective.com.au','marcus-lee','marcus-lee',NULL,NULL,0,'triage',NULL,NULL,NULL,'2026-11-21T00:00:00Z','2026-11-21T00:00:00Z','2026-11-21T00:00:00Z'),
  ('mtg-kinetic-review','Kinetic driver app sprint review','Sprint 14 demo and planning.','2026-11-24T04:00:00Z','2026-11-24T05:00:00Z','confirmed','client','evt-kinetic-review','not_kinetic0001','Demoed the dispatch board and driver check-in. Peter asked for offline mode before the Christmas peak.','daniel.costa@dotcollective.com.au','daniel-costa','daniel-costa','project','proj-kinetic-platform',100,'auto','{"best":{"type":"project","id":"proj-kinetic-platform","name":"Kinetic driver app","score":100,"signals":[{"signal":"title","points":45,"detail":"The title mentions “Kinetic driver app”"},{"signal":"members","points":30,"detail":"3 of 3 colleagues work on it"},{"signal":"company","points":26,"detail":"Attendees are from its client"}]}}',NULL,'2026-11-24T06:00:00Z','2026-11-24T06:00:00Z','2026-11-24T06:00:00Z','2026-11-24T06:00:00Z'),
  ('mtg-harbour-qbr','Harbour & Co QBR','Quarterly business review.','2026-11-12T00:00:00Z','2026-11-12T01:00:00Z','confirmed','client','evt-harbour-qbr',NULL,'Rachel is happy with the site progress; wants a loyalty program proposal in December.','tom.fletcher@dotcollective.com.au','tom-fletcher','tom-fletcher','company','co-harbour-co',NULL,'confirmed',NULL,'user-tom-fletcher','2026-11-12T02:00:00Z','2026-11-12T02:00:00Z','2026-11-12T02:00:00Z','2026-11-12T02:00:00Z'),
  ('mtg-atlas-discovery','Atlas Health patient portal discovery workshop',NULL,'2026-12-02T23:00:00Z','2026-12-03T02:00:00Z','confirmed','client','evt-atlas-discovery',NULL,NULL,'priya.raman@dotcollective.com.au','priya-raman','priya-raman','project','proj-atlas-portal',96,'auto',NULL,NULL,'2026-11-25T00:00:00Z','2026-11-25T00:00:00Z','2026-11-25T00:00:00Z','2026-11-25T00:00:00Z'),
  ('mtg-apex-sync','Apex squad weekly sync',NULL,'2026-11-25T22:30:00Z','2026-11-25T23:00:00Z','confirmed','internal','evt-apex-sync',NULL,NULL,'daniel.costa@dotcollective.com.au','daniel-costa','daniel-costa',NULL,NULL,NULL,'dismissed',NULL,'user-daniel-costa','2026-11-20T00:00:00Z','2026-11-20T00:00:00Z','2026-11-20T00:00:00Z','2026-11-20T00:00:00Z');
INSERT OR REPLACE INTO meeting_attendees (id, meeting_id, email, name, person_id, contact_id, is_organizer, response_status) VALUES
  ('mat-gl-aisha','mtg-greenleaf-catchup','aisha.khan@dotcollective.com.au','Aisha Khan','aisha-khan',NULL,1,'accepted'),
  ('mat-gl-sam','mtg-greenleaf-catchup','sam@greenleafenergy.com.au','Sam O''Connor',NULL,'ct-sam-oconnor',0,'accepted'),
  ('mat-nw-marcus','mtg-northwind-intro','marcus.lee@dotcollective.com.au','Marcus Lee','marcus-lee',NULL,1,'accepted'),
  ('mat-nw-alex','mtg-northwind-intro','alex@northwind.io','Alex Rivera',NULL,NULL,0,'accepted'),
  ('mat-kr-daniel','mtg-kinetic-review','daniel.costa@dotcollective.com.au','Daniel Costa','daniel-costa',NULL,1,'accepted'),
  ('mat-kr-liam','mtg-kinetic-review','liam.murphy@dotcollective.com.au','Liam Murphy','liam-murphy',NULL,0,'accepted'),
  ('mat-kr-ethan','mtg-kinetic-review','ethan.brown@dotcollective.com.au','Ethan Brown','ethan-brown',NULL,0,'accepted'),
  ('mat-kr-peter','mtg-kinetic-review','peter@kineticlogistics.com','Peter Nolan',NULL,'ct-peter-nolan',0,'accepted'),
  ('mat-hq-tom','mtg-harbour-qbr','tom.fletcher@dotcollective.com.au','Tom Fletcher','tom-fletcher',NULL,1,'accepted'),
  ('mat-hq-rachel','mtg-harbour-qbr','rachel@harbourco.com.au','Rachel Green',NULL,'ct-rachel-green',0,'accepted'),
  ('mat-hq-ben','mtg-harbour-qbr','ben@harbourco.com.au','Ben Cooper',NULL,'ct-ben-cooper',0,'tentative'),
  ('mat-ad-priya','mtg-atlas-discovery','priya.raman@dotcollective.com.au','Priya Raman','priya-raman',NULL,1,'accepted'),
  ('mat-ad-mia','mtg-atlas-discovery','mia.taylor@dotcollective.com.au','Mia Taylor','mia-taylor',NULL,0,'needs_action'),
  ('mat-ad-david','mtg-atlas-discovery','david@atlashealth.com.au','David Hughes',NULL,'ct-david-hughes',0,'accepted'),
  ('mat-as-daniel','mtg-apex-sync','daniel.costa@dotcollective.com.au','Daniel Costa','daniel-costa',NULL,1,'accepted'),
  ('mat-as-liam','mtg-apex-sync','liam.murphy@dotcollective.com.au','Liam Murphy','liam-murphy',NULL,0,'accepted'),
  ('mat-as-chloe','mtg-apex-sync','chloe.martin@dotcollective.com.au','Chloe Martin','chloe-martin',NULL,0,'accepted'),
  ('mat-as-ethan','mtg-apex-sync','ethan.brown@dotcollective.com.au','Ethan Brown','ethan-brown',NULL,0,'accepted');
INSERT OR REPLACE INTO meeting_action_items (id, meeting_id, text, external_key, assignee_person_id, assignee_name, source, created_at, updated_at) VALUES
  ('mai-kinetic-offline','mtg-kinetic-review','Scope offline mode for the driver app (@Liam)','scope offline mode for the driver app liam','liam-murphy','Liam','granola','2026-11-24T06:00:00Z','2026-11-24T06:00:00Z'),
  ('mai-kinetic-webhook','mtg-kinetic-review','Fix dispatch webhook retries (@Ethan)','fix dispatch webhook retries ethan','ethan-brown','Ethan','granola','2026-11-24T06:00:00Z','2026-11-24T06:00:00Z');
INSERT OR REPLACE INTO action_items (id, title, description, source_module, source_type, source_id, project_id, assigned_person_id, created_by, created_at, updated_at) VALUES
  ('ai-mtg-kinetic-offline','Scope offline mode for the driver app (@Liam)','From the meeting “Kinetic driver app sprint review” (2026-11-24): /meetings/mtg-kinetic-review','granola','meeting_action','mai-kinetic-offline','proj-kinetic-platform','liam-murphy','user-daniel-costa','2026-11-24T06:00:00Z','2026-11-24T06:00:00Z'),
  ('ai-mtg-kinetic-webhook','Fix dispatch webhook retries (@Ethan)','From the meeting “Kinetic driver app sprint review” (2026-11-24): /meetings/mtg-kinetic-review','granola','meeting_action','mai-kinetic-webhook','proj-kinetic-platform','ethan-brown','user-daniel-costa','2026-11-24T06:00:00Z','2026-11-24T06:00:00Z');
INSERT OR REPLACE INTO history (id, resource_type, resource_id, actor_id, action, details, created_at) VALUES
  ('hist-mtg-greenleaf-synced','meeting','mtg-greenleaf-catchup','user-aisha-khan','synced','{"source":"google_calendar","match":"suggested","confidence":65,"matched":"company:co-greenleaf"}','2026-11-21T00:00:00Z'),
  ('hist-mtg-kinetic-synced','meeting','mtg-kinetic-review','user-daniel-costa','synced','{"source":"google_calendar","match":"auto","confidence":100,"matched":"project:proj-kinetic-platform"}','2026-11-24T06:00:00Z');
-- ==== end meetings ====
-- ==== proposals ====
-- One template (4 pages + a pricing outline) and four proposals across statuses. The Harbour
-- loyalty proposal's share token (for local testing and the access matrix) is
-- SeedProposalTokenHarbourWebsiteRebuild00001; the expired Greenleaf one's is
-- SeedProposalTokenGreenleafExpiredProposal01. Only their SHA-256 hashes are stored.
INSERT OR IGNORE INTO proposal_settings (id, approval_threshold_cents, default_valid_days) VALUES ('org', 2000000, 30);
INSERT INTO proposal_templates (id, name, description, category, pricing_json, tax_rate_bp, is_active, created_by) VALUES
  ('ptpl-website','Website rebuild','Discovery, design and build of a marketing website, with an optional care plan.','Web',
   '[{"title":"Website rebuild","items":[{"description":"Discovery & strategy workshop","quantity":1,"rate_cents":450000,"optional":false},{"description":"Design & build (days)","quantity":10,"rate_cents":180000,"optional":false},{"description":"12-month care plan","quantity":1,"rate_cents":240000,"optional":true}]}]',
   1000,1,'user-olivia-bennett');
INSERT INTO proposal_template_pages (id, template_id, position, title, body) VALUES
  ('ptpl-website-p1','ptpl-website',1,'Welcome','# Hello {{contact.first_name}}

Thank you for the chance to work with **{{company.name}}**. This proposal sets out how we would approach {{deal.title}}.'),
  ('ptpl-website-p2','ptpl-website',2,'Our approach','# How we will work
- Discovery workshop with your team
- Design sprints with weekly reviews
- Build, test and launch in small releases'),
  ('ptpl-website-p3','ptpl-website',3,'Timeline','1. Weeks 1-2: discovery
2. Weeks 3-6: design
3. Weeks 7-10: build and launch'),
  ('ptpl-website-p4','ptpl-website',4,'Why DotCollective','We have shipped more than forty websites for Australian brands. {{owner.name}} will lead the work.');

INSERT INTO proposals (id, title, status, template_id, deal_id, company_id, contact_id, owner_id, currency, tax_rate_bp, total_cents, valid_until, internal_notes, approved_total_cents, share_token_hash, sent_at, first_viewed_at, accepted_at, declined_at, decline_reason, created_by, created_at, updated_at) VALUES
  ('prop-harbour-loyalty','Harbour & Co loyalty program website','sent','ptpl-website','deal-harbour-loyalty','co-harbour-co','ct-rachel-green','daniel-costa','AUD',1000,2475000,'2027-06-30','Margin is thin: hold the care plan price.',2475000,'bhVMtWaRAxgnLogD1eHky1jYHKYWyjJEoLUgXcqfXio','2026-11-20T01:00:00Z',NULL,NULL,NULL,NULL,'user-daniel-costa','2026-11-18T01:00:00Z','2026-11-20T01:00:00Z'),
  ('prop-greenleaf-rebrand','Greenleaf brand refresh','for_approval','ptpl-website','deal-greenleaf-rebrand','co-greenleaf','ct-sam-oconnor','daniel-costa','AUD',1000,2475000,'2027-01-31',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'user-daniel-costa','2026-11-22T01:00:00Z','2026-11-23T01:00:00Z'),
  ('prop-harbour-seo','Harbour Online SEO uplift','accepted',NULL,'deal-harbour-online-seo','co-harbour-online','ct-ben-cooper','tom-fletcher','AUD',1000,990000,'2026-12-15',NULL,NULL,NULL,'2026-11-02T01:00:00Z','2026-11-03T02:00:00Z','2026-11-05T03:00:00Z',NULL,NULL,'user-tom-fletcher','2026-11-01T01:00:00Z','2026-11-05T03:00:00Z'),
  ('prop-greenleaf-ads','Greenleaf paid search retainer','sent',NULL,'deal-greenleaf-ads','co-greenleaf','ct-lily-zhang','daniel-costa','AUD',1000,594000,'2026-10-31',NULL,NULL,'uk4A01wc7OlR3ho_HxAHsp32Z__eZHFw1vd7iCG9Eco','2026-10-01T01:00:00Z',NULL,NULL,NULL,NULL,'user-daniel-costa','2026-09-30T01:00:00Z','2026-10-01T01:00:00Z');
INSERT INTO proposal_pages (id, proposal_id, position, title, body) VALUES
  ('prop-harbour-loyalty-p1','prop-harbour-loyalty',1,'Welcome','# Hello Rachel

Thank you for the chance to work with **Harbour & Co**. This proposal sets out how we would approach the loyalty program website.'),
  ('prop-harbour-loyalty-p2','prop-harbour-loyalty',2,'Our approach','- Discovery workshop with your team
- Design sprints with weekly reviews
- Build, test and launch in small releases'),
  ('prop-harbour-loyalty-p3','prop-harbour-loyalty',3,'Timeline','1. Weeks 1-2: discovery
2. Weeks 3-6: design
3. Weeks 7-10: build and launch'),
  ('prop-greenleaf-rebrand-p1','prop-greenleaf-rebrand',1,'Welcome','# Hello Sam

A refreshed brand for **Greenleaf Energy**, from strategy to rollout.'),
  ('prop-greenleaf-rebrand-p2','prop-greenleaf-rebrand',2,'Our approach','- Brand strategy workshop
- Identity design
- Guidelines and rollout'),
  ('prop-harbour-seo-p1','prop-harbour-seo',1,'SEO uplift','Technical audit, content plan and three months of optimisation for **shop.harbourco.com.au**.'),
  ('prop-greenleaf-ads-p1','prop-greenleaf-ads',1,'Paid search','A monthly paid search retainer for Greenleaf Energy.');
INSERT INTO proposal_pricing_sections (id, proposal_id, position, title) VALUES
  ('prop-harbour-loyalty-s1','prop-harbour-loyalty',1,'Website rebuild'),
  ('prop-greenleaf-rebrand-s1','prop-greenleaf-rebrand',1,'Brand refresh'),
  ('prop-harbour-seo-s1','prop-harbour-seo',1,'SEO'),
  ('prop-greenleaf-ads-s1','prop-greenleaf-ads',1,'Retainer');
INSERT INTO proposal_pricing_items (id, proposal_id, section_id, position, description, quantity, rate_cents, is_optional, is_selected) VALUES
  ('prop-harbour-loyalty-i1','prop-harbour-loyalty','prop-harbour-loyalty-s1',1,'Discovery & strategy workshop',1,450000,0,1),
  ('prop-harbour-loyalty-i2','prop-harbour-loyalty','prop-harbour-loyalty-s1',2,'Design & build (days)',10,180000,0,1),
  ('prop-harbour-loyalty-i3','prop-harbour-loyalty','prop-harbour-loyalty-s1',3,'12-month care plan',1,240000,1,0),
  ('prop-greenleaf-rebrand-i1','prop-greenleaf-rebrand','prop-greenleaf-rebrand-s1',1,'Brand strategy workshop',1,450000,0,1),
  ('prop-greenleaf-rebrand-i2','prop-greenleaf-rebrand','prop-greenleaf-rebrand-s1',2,'Identity design (days)',10,180000,0,1),
  ('prop-harbour-seo-i1','prop-harbour-seo','prop-harbour-seo-s1',1,'SEO audit and optimisation (months)',3,300000,0,1),
  ('prop-greenleaf-ads-i1','prop-greenleaf-ads','prop-greenleaf-ads-s1',1,'Paid search management (months)',3,180000,0,1);
INSERT INTO proposal_team_members (id, proposal_id, person_id, role, position) VALUES
  ('prop-harbour-loyalty-t1','prop-harbour-loyalty','daniel-costa','Proposal lead',1),
  ('prop-harbour-loyalty-t2','prop-harbour-loyalty','liam-murphy','Technical lead',2),
  ('prop-greenleaf-rebrand-t1','prop-greenleaf-rebrand','daniel-costa','Proposal lead',1),
  ('prop-harbour-seo-t1','prop-harbour-seo','tom-fletcher','Proposal lead',1),
  ('prop-greenleaf-ads-t1','prop-greenleaf-ads','daniel-costa','Proposal lead',1);
INSERT INTO proposal_approvals (id, proposal_id, total_cents, status, requested_by, requested_at, decided_by, decided_at, comment) VALUES
  ('prop-harbour-loyalty-a1','prop-harbour-loyalty',2475000,'approved','user-daniel-costa','2026-11-19T01:00:00Z','user-olivia-bennett','2026-11-19T05:00:00Z','Fine, keep the care plan optional.'),
  ('prop-greenleaf-rebrand-a1','prop-greenleaf-rebrand',2475000,'pending','user-daniel-costa','2026-11-23T01:00:00Z',NULL,NULL,NULL);
INSERT INTO proposal_signers (id, proposal_id, name, signature_type, status, signed_at) VALUES
  ('prop-harbour-seo-sig1','prop-harbour-seo','Ben Cooper','typed','signed','2026-11-05T03:00:00Z');
INSERT INTO proposal_views (id, proposal_id, ip_hash, user_agent, started_at, last_seen_at) VALUES
  ('prop-harbour-seo-v1','prop-harbour-seo','seed','Mozilla/5.0 (Macintosh)','2026-11-03T02:00:00Z','2026-11-03T02:06:00Z');
INSERT INTO proposal_slide_views (id, view_id, proposal_id, page_id, viewed_at, ms) VALUES
  ('prop-harbour-seo-sv1','prop-harbour-seo-v1','prop-harbour-seo','prop-harbour-seo-p1','2026-11-03T02:00:00Z',240000);
-- ==== end proposals ====
-- ==== leave ====
-- Leave types as cached from Xero PayItems (external ids are Xero LeaveTypeIDs), balances for
-- seeded people, requests in every status, and AU public holidays 2026–2027 (Nager.Date shape).
INSERT OR REPLACE INTO leave_types (id, provider, external_id, name, is_paid, is_active, position, fetched_at) VALUES
  ('lt-annual','xero','9b2e1c3a-0001-4c1e-9d5e-annual000001','Annual Leave',1,1,1,'2026-11-25T00:00:00Z'),
  ('lt-personal','xero','9b2e1c3a-0002-4c1e-9d5e-personal0002','Personal/Carer''s Leave',1,1,2,'2026-11-25T00:00:00Z'),
  ('lt-long-service','xero','9b2e1c3a-0003-4c1e-9d5e-longserv0003','Long Service Leave',1,1,3,'2026-11-25T00:00:00Z'),
  ('lt-unpaid','xero','9b2e1c3a-0004-4c1e-9d5e-unpaid000004','Unpaid Leave',0,1,4,'2026-11-25T00:00:00Z');
INSERT OR REPLACE INTO cache_refreshes (key, fetched_at, attempted_at, last_error) VALUES
  ('leave_types','2026-11-25T00:00:00Z','2026-11-25T00:00:00Z',NULL),
  ('holidays:2026','2026-11-25T00:00:00Z','2026-11-25T00:00:00Z',NULL),
  ('holidays:2027','2026-11-25T00:00:00Z','2026-11-25T00:00:00Z',NULL);
INSERT OR REPLACE INTO leave_balances (id, person_id, leave_type_id, balance_hours, fetched_at) VALUES
  ('lb-ethan-annual','ethan-brown','lt-annual',106.4,'2026-11-25T00:00:00Z'),
  ('lb-ethan-personal','ethan-brown','lt-personal',45.6,'2026-11-25T00:00:00Z'),
  ('lb-liam-annual','liam-murphy','lt-annual',152,'2026-11-25T00:00:00Z'),
  ('lb-liam-personal','liam-murphy','lt-personal',60.8,'2026-11-25T00:00:00Z'),
  ('lb-noah-annual','noah-wilson','lt-annual',38,'2026-11-25T00:00:00Z'),
  ('lb-noah-personal','noah-wilson','lt-personal',30.4,'2026-11-25T00:00:00Z'),
  ('lb-chloe-annual','chloe-martin','lt-annual',121.6,'2026-11-25T00:00:00Z'),
  ('lb-daniel-annual','daniel-costa','lt-annual',190,'2026-11-25T00:00:00Z'),
  ('lb-daniel-long','daniel-costa','lt-long-service',330.6,'2026-11-25T00:00:00Z'),
  ('lb-tom-annual','tom-fletcher','lt-annual',98.8,'2026-11-25T00:00:00Z'),
  ('lb-zara-annual','zara-ahmed','lt-annual',64.6,'2026-11-25T00:00:00Z'),
  ('lb-ava-annual','ava-jones','lt-annual',83.6,'2026-11-25T00:00:00Z'),
  ('lb-priya-annual','priya-raman','lt-annual',140,'2026-11-25T00:00:00Z'),
  ('lb-olivia-annual','olivia-bennett','lt-annual',200,'2026-11-25T00:00:00Z');
INSERT OR REPLACE INTO leave_requests (id, person_id, leave_type_id, start_date, end_date, start_half, end_half, working_days, total_hours, notes, status, submitted_by, manager_approved_by, manager_approved_at, exec_approved_by, exec_approved_at, rejected_by, rejected_at, rejection_reason, xero_status, xero_error, productive_status, productive_error, google_status, google_error, slack_status, slack_error, created_at, updated_at) VALUES
  ('lr-noah-dec','noah-wilson','lt-annual','2026-12-14','2026-12-16',0,0,3,22.8,'Family visit in Brisbane','pending_manager','user-noah-wilson',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-20T01:00:00Z','2026-11-20T01:00:00Z'),
  ('lr-tom-xmas','tom-fletcher','lt-annual','2026-12-21','2026-12-24',0,0,4,30.4,'Christmas break','pending_exec','user-tom-fletcher',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-18T03:00:00Z','2026-11-18T03:00:00Z'),
  ('lr-chloe-summer','chloe-martin','lt-annual','2026-12-29','2026-12-31',0,0,3,22.8,NULL,'approved','user-chloe-martin','user-daniel-costa','2026-11-10T02:00:00Z','user-olivia-bennett','2026-11-11T02:00:00Z',NULL,NULL,NULL,'not_configured','Xero is not connected','not_configured','Productive is not connected','not_configured','Google Workspace is not connected','not_configured','Slack is not connected','2026-11-09T02:00:00Z','2026-11-11T02:00:00Z'),
  ('lr-zara-nov','zara-ahmed','lt-personal','2026-11-30','2026-11-30',0,0,1,7.6,'Dentist','rejected','user-zara-ahmed',NULL,NULL,NULL,NULL,'user-daniel-costa','2026-11-21T04:00:00Z','Sprint demo that day — please pick another date',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2026-11-20T04:00:00Z','2026-11-21T04:00:00Z');
INSERT OR REPLACE INTO history (id, resource_type, resource_id, actor_id, action, details, created_at) VALUES
  ('h-lr-noah-1','leave_request','lr-noah-dec','user-noah-wilson','submitted','{"type":"Annual Leave","dates":"2026-12-14 to 2026-12-16","hours":22.8,"status":"Awaiting manager"}','2026-11-20T01:00:00Z'),
  ('h-lr-tom-1','leave_request','lr-tom-xmas','user-tom-fletcher','submitted','{"type":"Annual Leave","dates":"2026-12-21 to 2026-12-24","hours":30.4,"status":"Awaiting executive"}','2026-11-18T03:00:00Z'),
  ('h-lr-chloe-1','leave_request','lr-chloe-summer','user-chloe-martin','submitted','{"type":"Annual Leave","dates":"2026-12-29 to 2026-12-31","hours":22.8,"status":"Awaiting manager"}','2026-11-09T02:00:00Z'),
  ('h-lr-chloe-2','leave_request','lr-chloe-summer','user-daniel-costa','manager_approved','{"changes":{"status":{"from":"pending_manager","to":"pending_exec"}}}','2026-11-10T02:00:00Z'),
  ('h-lr-chloe-3','leave_request','lr-chloe-summer','user-olivia-bennett','exec_approved','{"changes":{"status":{"from":"pending_exec","to":"approved"}}}','2026-11-11T02:00:00Z'),
  ('h-lr-zara-1','leave_request','lr-zara-nov','user-zara-ahmed','submitted','{"type":"Personal/Carer''s Leave","dates":"2026-11-30","hours":7.6,"status":"Awaiting manager"}','2026-11-20T04:00:00Z'),
  ('h-lr-zara-2','leave_request','lr-zara-nov','user-daniel-costa','rejected','{"reason":"Sprint demo that day — please pick another date","changes":{"status":{"from":"pending_manager","to":"rejected"}}}','2026-11-21T04:00:00Z');
INSERT OR REPLACE INTO public_holidays (id, date, local_name, name, country_code, is_global, counties, year, fetched_at) VALUES
  ('ph-2026-01-01','2026-01-01','New Year''s Day','New Year''s Day','AU',1,NULL,2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-01-26','2026-01-26','Australia Day','Australia Day','AU',1,NULL,2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-03-09-vic','2026-03-09','Labour Day','Labour Day','AU',0,'["AU-VIC","AU-TAS"]',2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-04-03','2026-04-03','Good Friday','Good Friday','AU',1,NULL,2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-04-04','2026-04-04','Easter Saturday','Holy Saturday','AU',0,'["AU-ACT","AU-NSW","AU-NT","AU-QLD","AU-SA","AU-VIC"]',2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-04-05','2026-04-05','Easter Sunday','Easter Sunday','AU',0,'["AU-ACT","AU-NSW","AU-VIC","AU-WA"]',2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-04-06','2026-04-06','Easter Monday','Easter Monday','AU',1,NULL,2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-04-25','2026-04-25','Anzac Day','Anzac Day','AU',1,NULL,2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-06-01-wa','2026-06-01','Western Australia Day','Western Australia Day','AU',0,'["AU-WA"]',2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-06-08','2026-06-08','King''s Birthday','King''s Birthday','AU',0,'["AU-ACT","AU-NSW","AU-NT","AU-SA","AU-TAS","AU-VIC"]',2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-09-25-vic','2026-09-25','Friday before the AFL Grand Final','Friday before the AFL Grand Final','AU',0,'["AU-VIC"]',2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-11-03-vic','2026-11-03','Melbourne Cup','Melbourne Cup','AU',0,'["AU-VIC"]',2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-12-25','2026-12-25','Christmas Day','Christmas Day','AU',1,NULL,2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-12-26','2026-12-26','Boxing Day','St. Stephen''s Day','AU',1,NULL,2026,'2026-11-25T00:00:00Z'),
  ('ph-2026-12-28','2026-12-28','Boxing Day (substitute)','St. Stephen''s Day','AU',0,'["AU-ACT","AU-NSW","AU-NT","AU-QLD","AU-TAS","AU-VIC","AU-WA"]',2026,'2026-11-25T00:00:00Z'),
  ('ph-2027-01-01','2027-01-01','New Year''s Day','New Year''s Day','AU',1,NULL,2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-01-26','2027-01-26','Australia Day','Australia Day','AU',1,NULL,2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-03-08-vic','2027-03-08','Labour Day','Labour Day','AU',0,'["AU-VIC","AU-TAS"]',2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-03-26','2027-03-26','Good Friday','Good Friday','AU',1,NULL,2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-03-27','2027-03-27','Easter Saturday','Holy Saturday','AU',0,'["AU-ACT","AU-NSW","AU-NT","AU-QLD","AU-SA","AU-VIC"]',2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-03-28','2027-03-28','Easter Sunday','Easter Sunday','AU',0,'["AU-ACT","AU-NSW","AU-VIC","AU-WA"]',2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-03-29','2027-03-29','Easter Monday','Easter Monday','AU',1,NULL,2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-04-25','2027-04-25','Anzac Day','Anzac Day','AU',1,NULL,2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-06-14','2027-06-14','King''s Birthday','King''s Birthday','AU',0,'["AU-ACT","AU-NSW","AU-NT","AU-SA","AU-TAS","AU-VIC"]',2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-09-24-vic','2027-09-24','Friday before the AFL Grand Final','Friday before the AFL Grand Final','AU',0,'["AU-VIC"]',2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-11-02-vic','2027-11-02','Melbourne Cup','Melbourne Cup','AU',0,'["AU-VIC"]',2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-12-25','2027-12-25','Christmas Day','Christmas Day','AU',1,NULL,2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-12-27','2027-12-27','Christmas Day (substitute)','Christmas Day','AU',0,'["AU-ACT","AU-NSW","AU-NT","AU-QLD","AU-SA","AU-TAS","AU-VIC","AU-WA"]',2027,'2026-11-25T00:00:00Z'),
  ('ph-2027-12-28','2027-12-28','Boxing Day (substitute)','St. Stephen''s Day','AU',0,'["AU-ACT","AU-NSW","AU-NT","AU-QLD","AU-TAS","AU-VIC","AU-WA"]',2027,'2026-11-25T00:00:00Z');
-- ==== end leave ====
-- ==== crm: email ====
INSERT OR REPLACE INTO emails (id, user_id, gmail_message_id, gmail_thread_id, rfc_message_id, in_reply_to, references_header, direction, source, from_address, from_name, to_addresses, cc_addresses, subject, snippet, body_text, sent_at, company_id, contact_id, is_thread_head, created_at, updated_at) VALUES
  ('em-seed-rachel-1','user-tom-fletcher','seed-msg-rachel-1','seed-thread-rachel-report','<seed-rachel-1@mail.gmail.com>',NULL,NULL,'outbound','sync','tom.fletcher@dotcollective.com.au','Tom Fletcher','rachel@harbourco.com.au','','October performance report','Hi Rachel, attached is the October report…','Hi Rachel,

Attached is the October performance report. Mobile checkout drop-off is the one to watch: 38% of sessions abandon at the payment step.

Happy to walk through it on Thursday.

Tom','2026-10-30T22:15:00Z','co-harbour-co','ct-rachel-green',0,'2026-10-30T22:20:00Z','2026-10-30T22:20:00Z'),
  ('em-seed-rachel-2','user-tom-fletcher','seed-msg-rachel-2','seed-thread-rachel-report','<seed-rachel-2@harbourco.com.au>','<seed-rachel-1@mail.gmail.com>','<seed-rachel-1@mail.gmail.com>','inbound','sync','rachel@harbourco.com.au','Rachel Green','tom.fletcher@dotcollective.com.au','ben@harbourco.com.au','Re: October performance report','Thanks Tom — looping in Ben for the checkout issue…','Thanks Tom — looping in Ben for the checkout issue. Thursday works.

Rachel','2026-10-31T00:05:00Z','co-harbour-co','ct-rachel-green',1,'2026-10-31T00:10:00Z','2026-10-31T00:10:00Z'),
  ('em-seed-sam-1','user-aisha-khan','seed-msg-sam-1','seed-thread-sam-rebrand','<seed-sam-1@greenleafenergy.com.au>',NULL,NULL,'inbound','sync','sam@greenleafenergy.com.au','Sam O''Connor','aisha.khan@dotcollective.com.au','','Rebrand launch moves to February','Heads up: the board wants the rebrand launch in February…','Hi Aisha,

Heads up: the board wants the rebrand launch in February rather than December. Can we re-plan the campaign phases?

Sam','2026-11-19T23:30:00Z','co-greenleaf','ct-sam-oconnor',1,'2026-11-19T23:35:00Z','2026-11-19T23:35:00Z');
INSERT OR REPLACE INTO email_contacts (id, email_id, address, role, contact_id, company_id, created_at) VALUES
  ('ec-seed-rachel-1-from','em-seed-rachel-1','tom.fletcher@dotcollective.com.au','from',NULL,NULL,'2026-10-30T22:20:00Z'),
  ('ec-seed-rachel-1-to','em-seed-rachel-1','rachel@harbourco.com.au','to','ct-rachel-green','co-harbour-co','2026-10-30T22:20:00Z'),
  ('ec-seed-rachel-2-from','em-seed-rachel-2','rachel@harbourco.com.au','from','ct-rachel-green','co-harbour-co','2026-10-31T00:10:00Z'),
  ('ec-seed-rachel-2-to','em-seed-rachel-2','tom.fletcher@dotcollective.com.au','to',NULL,NULL,'2026-10-31T00:10:00Z'),
  ('ec-seed-rachel-2-cc','em-seed-rachel-2','ben@harbourco.com.au','cc','ct-ben-cooper','co-harbour-co','2026-10-31T00:10:00Z'),
  ('ec-seed-sam-1-from','em-seed-sam-1','sam@greenleafenergy.com.au','from','ct-sam-oconnor','co-greenleaf','2026-11-19T23:35:00Z'),
  ('ec-seed-sam-1-to','em-seed-sam-1','aisha.khan@dotcollective.com.au','to',NULL,NULL,'2026-11-19T23:35:00Z');
INSERT OR REPLACE INTO email_sync_state (id, user_id, mailbox, history_id, status, last_synced_at, last_attempt_at, last_error, stored_count, skipped_count, mode, created_at, updated_at) VALUES
  ('ess-tom-fletcher','user-tom-fletcher','tom.fletcher@dotcollective.com.au',NULL,'succeeded','2026-11-25T01:00:00Z','2026-11-25T01:00:00Z',NULL,2,14,'full','2026-11-25T01:00:00Z','2026-11-25T01:00:00Z');
-- ==== end crm: email ====
