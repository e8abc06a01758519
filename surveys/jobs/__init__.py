"""Background jobs: long work (large imports, REFI-QDA, the Word report, large exports) runs as a
Django task in the worker (`manage.py db_worker`), and a Job row tells its owner how far it has
come and keeps the finished file. The browser polls the job's page; the worker writes it.

    models.py   Job: what, whose, state, done/total, message, result (a file or a link)
    work.py     start() a job beside its task; run() it in the worker with progress, a
                heartbeat, one transaction for its writes and a Norwegian reason on failure
    views.py    the job's page (a progress bar htmx polls), the lists, the finished file
"""
