from django.urls import path

from expediente.portal.public import views

# Included by portal/urls.py under "public/" (names: portal:public_…).
urlpatterns = [
    path("", views.lookup, name="public_lookup"),
    path("calendar/<slug:code>/", views.calendar, name="public_calendar"),
    # is a petition's entry in the signed record (portal/public/receipts.py)
    path("receipt/", views.receipt_check, name="public_receipt"),
    path("receipt/proof", views.receipt_proof, name="public_receipt_proof"),
]
