package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.UserKey;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EthAddress;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code txnchain dex order}: builds the EIP-712 order, signs it with the user's key under the
 * domain the {@code markets} query names, seals it to the attested enclave (unless {@code
 * --no-seal}) and prints the order id and status.
 */
@Command(name = "order", description = "Place a signed order; sealed to the enclave by default.")
final class DexOrderCommand implements Callable<Integer> {
  /** The engine's limit on client order ids. */
  static final int MAX_CLIENT_ORDER_ID = 64;

  private final CliContext ctx;
  @Spec private CommandSpec spec;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;
  @Mixin private NoSealOption sealing;

  @Option(names = "--market", paramLabel = "M", required = true, description = "e.g. ETH-USDC")
  String market;

  @Option(names = "--side", paramLabel = "buy|sell", required = true, description = "buy or sell")
  String side;

  @Option(
      names = "--type",
      paramLabel = "limit|market",
      defaultValue = "limit",
      description = "limit (default) or market")
  String type;

  @Option(names = "--price", paramLabel = "P", description = "limit price in the quote token")
  String price;

  @Option(names = "--qty", paramLabel = "Q", required = true, description = "in the base token")
  String quantity;

  @Option(
      names = "--tif",
      paramLabel = "GTC|IOC|FOK",
      description = "time in force (default: GTC for limit, IOC for market orders)")
  String tif;

  @Option(names = "--post-only", description = "refuse the order if it would trade on entry")
  boolean postOnly;

  @Option(
      names = "--stp",
      paramLabel = "MODE",
      defaultValue = "expire-taker",
      description = "self-trade prevention: expire-taker (default), expire-maker, expire-both")
  String stp;

  @Option(names = "--client-id", paramLabel = "X", description = "your own id for the order")
  String clientOrderId = "";

  @Option(names = "--pay", paramLabel = "0x..", description = "settlement address funds come from")
  String pay;

  @Option(names = "--receive", paramLabel = "0x..", description = "settlement address paid to")
  String receive;

  @Option(
      names = "--expires-in",
      paramLabel = "SECONDS",
      description = "refuse the order if it is executed later than this (default: never)")
  Long expiresIn;

  DexOrderCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** The order's fields that need no market data, checked before anything is sent. */
  record Shape(
      Side side,
      OrderType type,
      TimeInForce tif,
      SelfTradePrevention stp,
      EthAddress pay,
      EthAddress receive) {}

  Shape shape() {
    Side s = pick(side, "--side", Side.values(), "buy, sell");
    OrderType t = pick(type, "--type", OrderType.values(), "limit, market");
    TimeInForce f =
        tif == null
            ? (t == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC)
            : pick(tif, "--tif", TimeInForce.values(), "GTC, IOC, FOK");
    SelfTradePrevention m =
        pick(
            stp.replace('-', '_'),
            "--stp",
            SelfTradePrevention.values(),
            "expire-taker, expire-maker, expire-both");
    if (t == OrderType.LIMIT && price == null) {
      throw usage("a limit order needs --price");
    }
    if (t == OrderType.MARKET && price != null) {
      throw usage("a market order takes no --price; it trades within the market's price band");
    }
    if (t == OrderType.MARKET && f == TimeInForce.GTC) {
      throw usage("a market order is IOC or FOK");
    }
    if (postOnly && (t != OrderType.LIMIT || f != TimeInForce.GTC)) {
      throw usage("--post-only needs a GTC limit order");
    }
    if (clientOrderId.length() > MAX_CLIENT_ORDER_ID) {
      throw usage("--client-id has at most " + MAX_CLIENT_ORDER_ID + " characters");
    }
    if (expiresIn != null && expiresIn <= 0) {
      throw usage("--expires-in must be positive");
    }
    return new Shape(s, t, f, m, address(pay, "--pay"), address(receive, "--receive"));
  }

  /** The order, with prices and quantities converted by the market's decimals. */
  Order build(Shape shape, DexMarkets.Market m, EthAddress trader, long nonce, long nowMillis) {
    long units;
    long qty;
    try {
      units =
          shape.type() == OrderType.MARKET
              ? 0
              : DexOrderRequest.units(price, m.priceDecimals(), "--price");
      qty = DexOrderRequest.units(quantity, m.quantityDecimals(), "--qty");
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    return new Order(
        trader,
        m.symbol(),
        shape.side(),
        shape.type(),
        units,
        qty,
        shape.tif(),
        postOnly,
        shape.stp(),
        shape.pay(),
        shape.receive(),
        nonce,
        expiresIn == null ? 0 : nowMillis + expiresIn * 1000,
        clientOrderId);
  }

  @Override
  public Integer call() {
    Shape shape = shape();
    UserKey user = key.loadOrCreate();
    DexSession session = new DexSession(ctx, node.connect());
    DexMarkets markets = session.markets(user);
    DexMarkets.Market m =
        markets
            .market(market)
            .orElseThrow(
                () -> usage("--market: no market '" + market + "' (" + markets.symbols() + ")"));
    // Any unused value will do; a random one never collides with the trader's earlier orders.
    long nonce = ctx.random().nextLong() & Long.MAX_VALUE;
    Order order = build(shape, m, user.address(), nonce, System.currentTimeMillis());
    ObjectNode request = DexOrderRequest.signed(order, markets.domain(), user.keyPair());
    ObjectNode json =
        DexView.json(session.send(user, request, sealing.seal(), sealing.allowSimulated));
    output.output().print(json, () -> DexView.fields(json));
    return ExitCodes.OK;
  }

  /** The constant named {@code value}, in any case. */
  private <E extends Enum<E>> E pick(String value, String option, E[] values, String names) {
    for (E e : values) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw usage(option + " must be one of " + names);
  }

  private EthAddress address(String hex, String option) {
    if (hex == null) {
      return new EthAddress(new byte[EthAddress.LENGTH]);
    }
    try {
      return EthAddress.parse(hex);
    } catch (CryptoException e) {
      throw usage(option + ": " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
