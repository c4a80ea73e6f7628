"""Analysis layer: the steps that derive facts from the corpus (builder.flow.ANALYZE, RENDER).

state (the typed `Derived` every step reads and writes, and the types of its facts), citations
(find, resolve and link every citation; relations; legal notices), gitinfo (history and the
reference date), compliance (published in time?), deadlines (due phrases, tasks' status and
overdue), notices (the printable notice of each plan).
"""
