package api

import "net/http"

// route is one endpoint. This table is the only list of endpoints: the mux
// is built from it and the OpenAPI test holds openapi.json to it.
type route struct {
	method  string
	path    string
	handler http.Handler
}

func (s *Server) routes() []route {
	return []route{
		{"GET", "/healthz", http.HandlerFunc(s.health)},
		{"GET", "/openapi.json", http.HandlerFunc(serveOpenAPI)},

		// waymark:begin solution catalog
		{"GET", "/api/categories", http.HandlerFunc(s.listCategories)},
		{"GET", "/api/products", http.HandlerFunc(s.listProducts)},
		{"GET", "/api/products/{id}", http.HandlerFunc(s.getProduct)},
		// waymark:stub
		// {"GET", "/api/categories", notImplementedHandler("catalog")},
		// {"GET", "/api/products", notImplementedHandler("catalog")},
		// {"GET", "/api/products/{id}", notImplementedHandler("catalog")},
		// waymark:end

		// waymark:begin solution accounts
		{"POST", "/api/auth/register", http.HandlerFunc(s.register)},
		{"POST", "/api/auth/login", http.HandlerFunc(s.login)},
		{"GET", "/api/auth/me", s.signedIn(s.me)},
		{"POST", "/api/products", s.adminOnly(s.createProduct)},
		{"PUT", "/api/products/{id}", s.adminOnly(s.updateProduct)},
		{"DELETE", "/api/products/{id}", s.adminOnly(s.deleteProduct)},
		{"PUT", "/api/admin/users/{id}/role", s.adminOnly(s.setRole)},
		// waymark:stub
		// {"POST", "/api/auth/register", notImplementedHandler("accounts")},
		// {"POST", "/api/auth/login", notImplementedHandler("accounts")},
		// {"GET", "/api/auth/me", notImplementedHandler("accounts")},
		// {"POST", "/api/products", notImplementedHandler("accounts")},
		// {"PUT", "/api/products/{id}", notImplementedHandler("accounts")},
		// {"DELETE", "/api/products/{id}", notImplementedHandler("accounts")},
		// {"PUT", "/api/admin/users/{id}/role", notImplementedHandler("accounts")},
		// waymark:end

		// waymark:begin solution cart
		{"GET", "/api/cart", s.signedIn(s.getCart)},
		{"POST", "/api/cart/items", s.signedIn(s.addCartItem)},
		{"PUT", "/api/cart/items/{product_id}", s.signedIn(s.setCartItem)},
		{"DELETE", "/api/cart/items/{product_id}", s.signedIn(s.removeCartItem)},
		// waymark:stub
		// {"GET", "/api/cart", notImplementedHandler("cart")},
		// {"POST", "/api/cart/items", notImplementedHandler("cart")},
		// {"PUT", "/api/cart/items/{product_id}", notImplementedHandler("cart")},
		// {"DELETE", "/api/cart/items/{product_id}", notImplementedHandler("cart")},
		// waymark:end

		// waymark:begin solution checkout
		{"POST", "/api/orders", s.signedIn(s.checkout)},
		{"GET", "/api/orders", s.signedIn(s.listOrders)},
		{"GET", "/api/orders/{id}", s.signedIn(s.getOrder)},
		{"GET", "/api/admin/orders", s.adminOnly(s.listAllOrders)},
		{"PATCH", "/api/admin/orders/{id}", s.adminOnly(s.setOrderStatus)},
		// waymark:stub
		// {"POST", "/api/orders", notImplementedHandler("checkout")},
		// {"GET", "/api/orders", notImplementedHandler("checkout")},
		// {"GET", "/api/orders/{id}", notImplementedHandler("checkout")},
		// {"GET", "/api/admin/orders", notImplementedHandler("checkout")},
		// {"PATCH", "/api/admin/orders/{id}", notImplementedHandler("checkout")},
		// waymark:end

		// waymark:begin solution payments
		{"POST", "/api/orders/{id}/pay", s.signedIn(s.payOrder)},
		{"GET", "/api/orders/{id}/payments", s.signedIn(s.listPayments)},
		{"POST", "/api/payments/webhook", http.HandlerFunc(s.paymentWebhook)},
		// waymark:stub
		// {"POST", "/api/orders/{id}/pay", notImplementedHandler("payments")},
		// {"GET", "/api/orders/{id}/payments", notImplementedHandler("payments")},
		// {"POST", "/api/payments/webhook", notImplementedHandler("payments")},
		// waymark:end
	}
}
