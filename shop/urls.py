from django.urls import path

from . import contact_views, newsletter, notify_views, return_views, tracking_views, views
from .payments import views as payment_views

app_name = "shop"

urlpatterns = [
    path("search/", views.store_search, name="search"),
    path("cart/", views.cart_detail, name="cart-detail"),
    path("cart/state.json", views.shopper_state, name="shopper-state"),
    path("cart/add/", views.cart_add, name="cart-add"),
    path("cart/lines/<int:line_id>/", views.cart_line_update, name="cart-line-update"),
    path("cart/lines/<int:line_id>/remove/", views.cart_line_remove, name="cart-line-remove"),
    path("cart/codes/", views.cart_code_apply, name="cart-code-apply"),
    path("cart/codes/remove/", views.cart_code_remove, name="cart-code-remove"),
    path("checkout/", views.checkout, name="checkout"),
    path("checkout/complete/<int:number>/", views.order_complete, name="order-complete"),
    path("checkout/pay/<int:number>/", payment_views.card_payment, name="card-payment"),
    path(
        "checkout/pay/<int:number>/test-card/",
        payment_views.card_payment_test_confirm,
        name="card-payment-test-confirm",
    ),
    path(
        "checkout/pay/<int:number>/done/",
        payment_views.card_payment_return,
        name="card-payment-return",
    ),
    # Stripe's webhook, on platform hosts: the platform's keys, or a store's own keys.
    path("stripe/webhook/", payment_views.stripe_webhook, name="stripe-webhook"),
    path(
        "stripe/webhook/store/<int:site_id>/",
        payment_views.stripe_webhook,
        name="stripe-webhook-own-keys",
    ),
    path("orders/track/", tracking_views.order_track, name="order-track"),
    path("orders/track/<str:token>/", tracking_views.order_status, name="order-status"),
    path("newsletter/subscribe/", newsletter.newsletter_subscribe, name="newsletter-subscribe"),
    path(
        "back-in-stock/",
        notify_views.back_in_stock_request,
        name="back-in-stock",
    ),
    path("orders/return/<str:token>/", return_views.order_return, name="order-return"),
    path(
        "contact/<int:page_id>/",
        contact_views.send_contact_message,
        name="contact-send",
    ),
]
