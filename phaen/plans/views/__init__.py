"""Pages of annual plans, one module per area: plans (list, plan page, check), projects
(project pages and their parts), review (route, editions, priorities, schedule,
consolidation) and public (announced plans, no login)."""
